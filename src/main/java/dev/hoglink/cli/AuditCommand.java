package dev.hoglink.cli;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.model.Organization;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.audit.AuditExport;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.connection.ConnectionFailure;
import dev.hoglink.service.connection.ConnectionMessages;
import dev.hoglink.service.connection.ConnectionProblem;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.session.RequestWindowStore;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.ServiceException;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.Redactor;
import dev.hoglink.util.Waits;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hoglink audit}: writes the organization's installation audit without a window, for scripts and CI.
 * The key comes only from {@code HOGLINK_API_KEY} (with {@code --sandbox}, the in-process sandbox's owner key).
 * Output goes to stdout or, atomically, to {@code --out}; progress goes to stderr only when it is a terminal.
 * Exit codes: 0 done, 1 the audit failed (the one-line reason is on stderr), 2 bad usage.
 */
public final class AuditCommand {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditCommand.class);
    public static final String KEY_VARIABLE = "HOGLINK_API_KEY";

    /** The command's usage text ({@code hoglink <command> --help} prints it). */
    public static final String USAGE = """
            Usage: hoglink audit (--sandbox | --host URL | --profile NAME) [--org ID] [--format csv|json] [--history] [--out FILE]
              --sandbox        audit the built-in sandbox (as its owner; no key needed)
              --host URL       the PostHog address, e.g. https://us.posthog.com; the key is read from HOGLINK_API_KEY
              --profile NAME   a saved connection: signed in with PostHog (hoglink login) or its key in the keyring
              --org ID         the organization's id (default: the only one the key sees)
              --format F       csv (default) or json
              --history        write the integration history instead of the inventory
              --out FILE       write to FILE (atomically) instead of standard output
            """;

    private AuditCommand() {
    }

    /** The parsed command line. */
    record Options(boolean sandbox, String host, String org, AuditExport.Format format, AuditExport.Kind kind,
                   Path out, String profile) {

        Options(boolean sandbox, String host, String org, AuditExport.Format format, AuditExport.Kind kind, Path out) {
            this(sandbox, host, org, format, kind, out, null);
        }

        static Options parse(List<String> args) {
            boolean sandbox = false;
            String host = null;
            String org = null;
            AuditExport.Format format = AuditExport.Format.CSV;
            AuditExport.Kind kind = AuditExport.Kind.INVENTORY;
            Path out = null;
            String profile = null;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                CliText.once(seen, a);
                switch (a) {
                    case "--sandbox" -> sandbox = true;
                    case "--host" -> host = value(args, ++i, a);
                    case "--org" -> org = value(args, ++i, a);
                    case "--format" -> format = AuditExport.Format.parse(value(args, ++i, a));
                    case "--history" -> kind = AuditExport.Kind.HISTORY;
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    case "--profile" -> profile = value(args, ++i, a);
                    default -> throw new IllegalArgumentException(a.startsWith("--key") || a.startsWith("--api-key")
                            ? "the key is never taken from a flag; set " + KEY_VARIABLE
                            : "unknown argument '" + Redactor.redact(a) + "'");
                }
            }
            int where = (sandbox ? 1 : 0) + (host != null ? 1 : 0) + (profile != null ? 1 : 0);
            if (where != 1) {
                throw new IllegalArgumentException("give one of --sandbox, --host URL or --profile NAME");
            }
            return new Options(sandbox, host, org, format, kind, out, profile);
        }

        private static String value(List<String> args, int i, String flag) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args.get(i);
        }
    }

    /** A failure to report in one line, with the exit code. */
    static final class Failure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;

        Failure(String message) {
            this(message, 1);
        }

        Failure(String message, int code) {
            super(message, null, false, false);
            this.code = code;
        }
    }

    /** The entry point of {@code java -jar hoglink.jar audit ...}. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        quietConsoleLog();
        return run(args, env, out, err, System.console() != null, AppDirs.forCurrentUser());
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, boolean progress,
                   AppDirs dirs) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            CliText.line(err, "audit", e.getMessage());
            err.print(USAGE);
            return 2;
        }
        SandboxServer sandbox = null;
        try {
            // Checked before the audit's reads, so a path that cannot take the output fails first.
            OutFile outFile = options.out() == null ? null : OutFile.check(options.out());
            String hostText;
            String key;
            if (options.profile() != null) {
                return write(outFile, ProfileAudit.run(options, dirs, progress ? err : null, err), out);
            }
            if (options.sandbox()) {
                sandbox = SandboxServer.start(SandboxOptions.defaults());
                hostText = sandbox.baseUri().toString();
                key = sandbox.key("owner");
            } else {
                hostText = options.host();
                key = env.get(KEY_VARIABLE);
                if (key == null || key.isBlank()) {
                    throw new Failure("set " + KEY_VARIABLE + " to a personal API key (the key is never taken from a flag)", 2);
                }
            }
            Redactor.register(key.strip());
            return write(outFile, audit(options, hostText, key.strip(), progress ? err : null, dirs, err), out);
        } catch (Failure f) {
            CliText.line(err, "audit", f.getMessage());
            return f.code;
        } catch (IOException e) {
            LOGGER.warn("Audit export failed", e);
            CliText.line(err, "audit", "cannot write the output: " + e.getMessage());
            return 1;
        } catch (CancellationException e) {
            CliText.line(err, "audit", "interrupted");
            return 1;
        } catch (RuntimeException e) {
            LOGGER.warn("Audit failed", e);
            CliText.line(err, "audit", String.valueOf(e.getMessage()));
            return 1;
        } finally {
            if (sandbox != null) {
                sandbox.stop();
            }
        }
    }

    /** Writes the export to {@code --out} (atomically; null: none given) or to standard output. */
    private static int write(OutFile outFile, byte[] bytes, PrintStream out) throws IOException {
        if (outFile != null) {
            outFile.write(bytes);
        } else {
            out.write(bytes);
            out.flush();
        }
        return 0;
    }

    private static byte[] audit(Options options, String hostText, String key, PrintStream progress, AppDirs dirs,
                                PrintStream err) {
        PostHogHost host;
        PostHogClient client;
        try {
            host = PostHogHost.parse(hostText);
            client = PostHogClient.builder(host.url(), ApiKey.of(key)).build();
        } catch (ApiException e) {
            throw new Failure(e.userMessage()); // the user's words, never the internal text
        } catch (IllegalArgumentException e) {
            throw new Failure(e.getMessage());
        }
        return audit(options, host, client, ApiKey.of(key), progress, dirs, err);
    }

    /**
     * What the window's partial-report note says, said once: how many projects could not be read and, when PostHog's
     * throttle refused them, when it allows requests again, as a wait ({@link Waits#when}) and as a UTC time, since
     * the line may be read later.
     */
    static String partialNote(AuditReport report, Instant now) {
        Instant at = report.readsResumeAt();
        return "partial report: " + report.projectsNotRead() + " of " + report.projects().size()
                + " projects could not be read; the counts cover the others only"
                + (at == null ? "." : ". PostHog allows requests again " + Waits.when(Duration.between(now, at))
                + " (at " + at.plusNanos(999_999_999).truncatedTo(ChronoUnit.SECONDS) + ").");
    }

    /** The audit over a built client; {@code windowKey} (a personal key, or null for a signed-in session) keys the saved request windows. */
    static byte[] audit(Options options, PostHogHost host, PostHogClient client, ApiKey windowKey, PrintStream progress,
                        AppDirs dirs, PrintStream err) {
        ActionJournal journal = ActionJournal.open(dirs);
        // PostHog keeps counting a key's requests between runs: the client's windows carry over (no key stored).
        RequestWindowStore windows = new RequestWindowStore(dirs.dataPath().resolve("requests"), Clock.systemUTC());
        if (windowKey != null) {
            windows.restore(host.url(), windowKey, client.rateLimiter());
        }
        // The activity log costs one more request per project; only the history export needs it.
        HttpInventoryService inventory = new HttpInventoryService(client);
        AuditService service = new AuditService(inventory,
                options.kind() == AuditExport.Kind.HISTORY ? client : null, journal);
        try {
            List<Organization> orgs = service.organizations();
            Organization org = choose(orgs, options.org());
            AuditService.Progress p = progress == null ? AuditService.Progress.NONE : new TerminalProgress(progress);
            AuditReport report = service.audit(host.url(), org, p);
            if (progress != null) {
                progress.print("\r\033[K");
                progress.flush();
            }
            // What the window's banner and the connection check say: a key limited to some projects or
            // organizations gives an audit of those only.
            keyLimit(client, inventory, orgs, windowKey != null).ifPresent(n -> CliText.line(err, "audit", "note: " + n));
            if (report.partial()) {
                CliText.line(err, "audit", "note: " + partialNote(report, Instant.now()));
            }
            if (options.kind() == AuditExport.Kind.INVENTORY && !AuditExport.leftOutNote(report).isEmpty()) {
                CliText.line(err, "audit", "note: " + AuditExport.leftOutNote(report)); // the window says it too
            }
            if (options.kind() == AuditExport.Kind.HISTORY) {
                // What the window shows above its history: a history that misses part of itself says so.
                if (!report.activityLogNote().isEmpty()) { // also for a log that was read, as the window says it
                    CliText.line(err, "audit", "note: " + report.activityLogNote());
                }
                if (!report.journalNote().isEmpty()) {
                    CliText.line(err, "audit", "note: " + report.journalNote());
                }
            }
            return AuditExport.write(report, options.kind(), options.format());
        } catch (ServiceException e) {
            // The user reads one sentence (which may say "report this with the log"); the log keeps what went wrong.
            LOGGER.warn("Audit of {} failed: {} {}", host.url(), e.kind(), e.code(), e);
            throw new Failure(describe(host, e));
        } finally {
            if (windowKey != null) {
                windows.save(host.url(), windowKey, client.rateLimiter());
            }
        }
    }

    /** Why the audit covers less than the whole organization because of the key, if it does (N10, N20). */
    /**
     * What the key is limited to, if anything: projects (from the inventory's reads), else organizations (from the
     * key's own record). A sign-in has no key record to read: PostHog's @current describes personal keys only
     * (docs/api-notes.md NH1), so for a session ({@code personalKey} false) it is not asked.
     */
    private static Optional<String> keyLimit(PostHogClient client, HttpInventoryService inventory,
                                             List<Organization> orgs, boolean personalKey) {
        Optional<String> projects = inventory.limitNote();
        if (projects.isPresent() || !personalKey) {
            return projects;
        }
        try {
            List<String> scoped = client.currentKey().scopedOrganizations();
            return dev.hoglink.service.inventory.ScopedKey.organizationsNote(orgs.stream()
                    .filter(o -> scoped.contains(o.id())).map(Organization::name).toList());
        } catch (ApiException e) { // a key that may not read itself (no personal_api_key:read, or limited to projects)
            return Optional.empty();
        }
    }

    static Organization choose(List<Organization> orgs, String wanted) {
        String listed = orgs.stream().sorted(java.util.Comparator.comparing(Organization::name))
                .map(o -> o.id() + " (" + o.name() + ")").collect(Collectors.joining(", "));
        if (orgs.isEmpty()) {
            throw new Failure("the key sees no organization");
        }
        if (wanted == null) {
            if (orgs.size() == 1) {
                return orgs.get(0);
            }
            throw new Failure("the key sees " + orgs.size() + " organizations; choose one with --org ID: " + listed, 2);
        }
        Optional<Organization> match = orgs.stream()
                .filter(o -> o.id().equals(wanted) || wanted.equals(o.slug())).findFirst();
        return match.orElseThrow(() -> new Failure("no organization '" + wanted + "'; the key sees: " + listed, 2));
    }

    /** The ConnectionMessages text for key and access problems; PostHog's own short message otherwise. */
    static String describe(PostHogHost host, ServiceException e) {
        Throwable cause = e.getCause();
        ConnectionProblem problem = null;
        switch (e.kind()) {
            case AUTH -> problem = ConnectionProblem.of(ConnectionFailure.INVALID_KEY, host);
            case PERMISSION -> {
                String detail = cause instanceof PermissionException p ? p.detail() : e.getMessage();
                problem = ConnectionProblem.fromForbiddenDetail(host, detail).orElse(null);
            }
            case NETWORK -> {
                if (cause instanceof NetworkException n) {
                    problem = ConnectionProblem.ofNetwork(host, n).orElse(null);
                }
            }
            case INVALID_RESPONSE -> {
                if (cause instanceof InvalidResponseException i) {
                    problem = ConnectionProblem.ofInvalidAnswer(host, i);
                }
            }
            default -> {
            }
        }
        return problem != null ? ConnectionMessages.describe(problem).text() : e.getMessage();
    }

    /** "Reading projects: 12/36" on one line, rewritten in place. */
    private static final class TerminalProgress implements AuditService.Progress {
        private final PrintStream err;

        TerminalProgress(PrintStream err) {
            this.err = err;
        }

        @Override
        public synchronized void update(int done, int total) {
            err.print("\rReading projects: " + done + "/" + total);
            err.flush();
        }
    }

    /** The console shows warnings only; the audit's retry notes would otherwise mix with the output. */
    private static void quietConsoleLog() {
        if (dev.hoglink.util.Logging.consoleRequested()) {
            return; // --verbose: the user asked for the log lines
        }
        for (Handler h : java.util.logging.Logger.getLogger("").getHandlers()) {
            if (h instanceof java.util.logging.ConsoleHandler) {
                h.setLevel(Level.SEVERE);
                h.setFormatter(new dev.hoglink.util.Logging.RedactingFormatter()); // what does reach stderr is safe
            }
        }
    }
}
