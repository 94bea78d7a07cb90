package dev.hoglink.cli;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.PlanJournal;
import dev.hoglink.service.link.ApplyOutcome;
import dev.hoglink.service.link.LinkPlan;
import dev.hoglink.service.link.LinkPlanner;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.link.PlanFiles;
import dev.hoglink.service.link.PlanResult;
import dev.hoglink.service.link.PlanService;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.Redactor;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hoglink link}: bulk link without a window. {@code --plan} predicts, for each project of a filter,
 * what linking one installation would do, and writes the plan (nothing is sent); {@code --apply PLAN} sends
 * exactly the plan's rows marked to apply, each re-checked against PostHog first, and writes the result. The key
 * comes only from {@code HOGLINK_API_KEY}.
 */
public final class LinkCommand {

    private static final Logger LOGGER = LoggerFactory.getLogger(LinkCommand.class);

    /** Exit code when a plan was applied but not every planned project ended linked. */
    public static final int NOT_ALL_LINKED = 3;

    /** Exit code when Ctrl+C stopped an apply between projects (the result still written; the plan resumable). */
    public static final int INTERRUPTED = StopOnInterrupt.EXIT_CODE;

    public static final String USAGE = """
            Usage: hoglink link --plan --host URL --installation ID [--org ID] [--projects FILTER] [--format csv|json] [--out FILE]
                   hoglink link --apply PLAN [--host URL] [--format csv|json] [--out FILE]
              --plan             predict, per project, what linking the installation would do; sends nothing
              --host URL         the PostHog address; the key is read from HOGLINK_API_KEY
              --installation ID  the GitHub App installation to link
              --org ID           the organization's id (default: the only one the key sees)
              --projects FILTER  all (default), not-connected, ids:101,102,110-120, or name:TEXT (part of the name;
                                 an environment matches by its own name or its project's)
              --apply PLAN       apply a saved plan (CSV or JSON): only rows with apply=yes are sent, in order,
                                 each re-checked first; a project linked meanwhile or an installation gone is
                                 reported and not sent. The key must see the plan's host; a plan for
                                 a host other than PostHog Cloud needs --host naming that same host
              --format F         csv (default) or json, for the plan or the result
              --out FILE         write the plan or result to FILE (atomically) instead of standard output
            Exit codes: 0 done (plan written; or every planned project linked), 1 the command failed (reason on
            standard error), 2 bad usage, 3 the plan was applied but not every planned project ended linked
            (refused, changed since the plan, stopped or unknown: see the result's counts), 130 Ctrl+C stopped
            --apply between projects: the result is still written, with the projects not sent marked stopped;
            run the same command again to resume (a second Ctrl+C quits at once).
            """;

    record Options(boolean plan, String host, String org, String installation, String projects, Path apply,
                   PlanFiles.Format format, Path out) {

        static Options parse(List<String> args) {
            boolean plan = false;
            String host = null;
            String org = null;
            String installation = null;
            String projects = "all";
            Path apply = null;
            PlanFiles.Format format = PlanFiles.Format.CSV;
            Path out = null;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                CliText.once(seen, a);
                switch (a) {
                    case "--plan" -> plan = true;
                    case "--host" -> host = value(args, ++i, a);
                    case "--org" -> org = value(args, ++i, a);
                    case "--installation" -> installation = value(args, ++i, a);
                    case "--projects" -> projects = value(args, ++i, a);
                    case "--apply" -> apply = Path.of(value(args, ++i, a));
                    case "--format" -> format = PlanFiles.Format.parse(value(args, ++i, a));
                    case "--out" -> out = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException(a.startsWith("--key") || a.startsWith("--api-key")
                            ? "the key is never taken from a flag; set " + AuditCommand.KEY_VARIABLE
                            : "unknown argument '" + Redactor.redact(a) + "'");
                }
            }
            if (plan == (apply != null)) {
                throw new IllegalArgumentException("give either --plan or --apply PLAN");
            }
            if (plan && (host == null || installation == null)) {
                throw new IllegalArgumentException("--plan needs --host URL and --installation ID");
            }
            if (plan && !installation.matches("[1-9]\\d{0,19}")) {
                throw new IllegalArgumentException("--installation is an installation id: 1 to 20 digits, no leading zero");
            }
            if (!plan && (installation != null || org != null || !"all".equals(projects))) {
                throw new IllegalArgumentException("--apply takes the organization, installation and projects from the plan");
            }
            ProjectFilter.parse(projects);
            return new Options(plan, host, org, installation, projects, apply, format, out);
        }

        private static String value(List<String> args, int i, String flag) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args.get(i);
        }
    }

    private LinkCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return run(args, env, out, err, AppDirs.forCurrentUser());
    }

    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err, AppDirs dirs) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            CliText.line(err, "link", e.getMessage());
            err.print(USAGE);
            return 2;
        }
        String key = env.get(AuditCommand.KEY_VARIABLE);
        if (key == null || key.isBlank()) {
            CliText.line(err, "link", "set " + AuditCommand.KEY_VARIABLE + " to a personal API key (the key is never taken from a flag)");
            return 2;
        }
        Redactor.register(key.strip());
        PostHogHost[] used = {null}; // for the messages: a refused key reads as the audit says it
        try {
            OutFile outFile = o.out() == null ? null : OutFile.check(o.out()); // before anything is sent
            LinkPlan plan = o.plan() ? null : readPlan(o.apply());
            PostHogHost host = o.plan() ? PostHogHost.parse(o.host()) : applyHost(plan, o.host());
            used[0] = host;
            PostHogClient client = PostHogClient.builder(host.url(), ApiKey.of(key.strip())).build();
            ActionJournal journal = ActionJournal.open(dirs);
            LinkService links = new LinkService(client, journal, host.url());
            PlanService plans = new PlanService(client, links, PlanJournal.open(dirs), Clock.systemUTC());
            byte[] bytes;
            int code = 0;
            if (o.plan()) {
                LinkPlan made = plan(o, client, plans, note -> CliText.line(err, "link", note));
                CliText.line(err, "link", planLine(made));
                bytes = PlanFiles.write(made, o.format());
            } else {
                PlanResult result;
                long planned = plan.planned().size();
                refuseReadOnlyKey(new HttpInventoryService(client), plan); // before anything is sent
                CliText.line(err, "link", applyingLine(plan, host));
                int[] done = {0};
                try (StopOnInterrupt ctrlC = StopOnInterrupt.install(err, "link",
                        "stopping after the current project; the plan stays resumable")) {
                    // Ctrl+C is honoured between projects only: a link sent is always read back and journaled.
                    java.util.Set<Long> sent = new java.util.HashSet<>();
                    plan.planned().forEach(r -> sent.add(r.projectId()));
                    result = plans.applyAll(plan, true, ctrlC::requested, row -> {
                        // Only the planned projects are counted off; the others are in the result, as in the dialog.
                        // A row stopped by Ctrl+C or held after a failure was not sent: the counts line says it.
                        if (sent.contains(row.projectId()) && row.outcome() != ApplyOutcome.STOPPED && !row.held()) {
                            CliText.line(err, "link", ++done[0] + " of " + planned + ": "
                                    + new PlanResult.Source(row.projectId(), row.projectName()).describe() + ": "
                                    + row.outcome().label());
                        }
                    });
                    // Interrupted only when Ctrl+C is what left projects unsent; a run held after a failure is not.
                    boolean stoppedByCtrlC = ctrlC.requested()
                            && result.rows().stream().anyMatch(r -> r.outcome() == ApplyOutcome.STOPPED);
                    code = stoppedByCtrlC ? INTERRUPTED : result.complete() ? 0 : NOT_ALL_LINKED;
                }
                CliText.line(err, "link", (code == INTERRUPTED ? "stopped plan " : "applied plan ") + plan.id() + ": "
                        + result.countsText() + (result.note().isEmpty() ? "" : ". " + result.note()));
                if (!result.heldText().isEmpty()) { // why the projects after a failure were not sent, once
                    CliText.line(err, "link", result.heldText());
                }
                sourceNote(plan, result).ifPresent(line -> CliText.line(err, "link", line));
                notDoneLine(result, code == INTERRUPTED).ifPresent(line -> CliText.line(err, "link", line));
                bytes = PlanFiles.write(result, o.format());
            }
            if (outFile != null) {
                outFile.write(bytes);
            } else {
                out.write(bytes);
                out.flush();
            }
            return code;
        } catch (AuditCommand.Failure f) {
            CliText.line(err, "link", f.getMessage());
            return f.code;
        } catch (ServiceException e) {
            return failed(err, used[0], e);
        } catch (ApiException e) {
            return failed(err, used[0], dev.hoglink.service.ApiFailures.toService(e));
        } catch (dev.hoglink.service.journal.PlanJournal.PlanBusyException e) {
            CliText.line(err, "link", e.getMessage());
            return 1;
        } catch (IOException e) {
            LOGGER.warn("link failed", e);
            CliText.line(err, "link", "cannot write: " + e.getMessage());
            return 1;
        } catch (RuntimeException e) {
            LOGGER.warn("link failed", e);
            CliText.line(err, "link", String.valueOf(e.getMessage()));
            return 1;
        }
    }

    /**
     * "sent from Checkout (id 108), the project PostHog offers the installation from now; the plan named Secret Lab
     * (id 124)", when this run sent from another source project than the plan names (a resume after the plan's
     * source lost the installation); empty otherwise.
     */
    static Optional<String> sourceNote(LinkPlan plan, PlanResult result) {
        LinkPlan.Installation planned = plan.installation();
        LinkPlan.Installation sent = result.plan().installation();
        if (result.sentFrom().isEmpty()
                || java.util.Objects.equals(planned.sourceProjectId(), sent.sourceProjectId())) {
            return Optional.empty();
        }
        return Optional.of("sent from " + describe(sent) + ", the project PostHog offers the installation from now; "
                + "the plan named " + describe(planned));
    }

    private static String describe(LinkPlan.Installation i) {
        return i.sourceProjectId() == null ? "no source project"
                : new PlanResult.Source(i.sourceProjectId(), i.sourceProjectName()).describe();
    }

    /**
     * Refuses {@code --apply} before anything is sent when the key's own scopes (GET @current, as the window reads
     * them: HttpInventoryService.keyCanWriteIntegrations) lack integration:write: PostHog would refuse every project
     * with 403 (APIScopePermission, docs/api-notes.md NJ2). The window's words (Capabilities.READ_ONLY), exit 1. When
     * the scopes cannot be read (a key without personal_api_key:read, one limited to projects, PostHog unreachable),
     * the plan is sent as before and PostHog decides each project.
     */
    static void refuseReadOnlyKey(dev.hoglink.service.inventory.InventoryService inventory, LinkPlan plan) {
        Optional<Boolean> write;
        try {
            write = inventory.keyCanWriteIntegrations();
        } catch (ServiceException e) {
            LOGGER.info("The key's scopes could not be read ({}); PostHog decides each project", e.kind());
            return;
        }
        if (write.isPresent() && !write.get()) {
            throw new AuditCommand.Failure("plan " + plan.id() + " was not applied and nothing was sent. "
                    + Capabilities.READ_ONLY);
        }
    }

    /** PostHog's failure in one line: key, permission and network problems worded as the audit words them. */
    private static int failed(PrintStream err, PostHogHost host, ServiceException e) {
        // The user reads one sentence (which may say "report this with the log"); the log keeps what went wrong.
        LOGGER.warn("link failed: {} {}", e.kind(), e.code(), e);
        CliText.line(err, "link", host == null ? e.userMessage() : AuditCommand.describe(host, e));
        return 1;
    }

    /**
     * Where {@code --apply} sends the key: the plan's host, which is a line in a file that travels. PostHog Cloud
     * is taken as it is; any other host only when {@code --host} names it too, so an edited plan cannot send the
     * key elsewhere.
     */
    static PostHogHost applyHost(LinkPlan plan, String given) {
        PostHogHost planned = PostHogHost.parse(plan.host());
        if (given == null) {
            if (!planned.isCloud()) {
                throw new AuditCommand.Failure("the plan is for " + planned.url() + ", not PostHog Cloud: add --host "
                        + planned.url() + " to confirm your key may be sent there", 2);
            }
            return planned;
        }
        PostHogHost confirmed = PostHogHost.parse(given);
        if (!confirmed.url().equals(planned.url())) {
            throw new AuditCommand.Failure("the plan is for " + planned.url() + ", not " + confirmed.url()
                    + "; nothing was sent", 2);
        }
        return planned;
    }

    /** The largest plan file read: far above a plan of 100,000 projects, far below what would exhaust memory. */
    static final int MAX_PLAN_BYTES = 64 * 1024 * 1024;

    private static LinkPlan readPlan(Path file) {
        if (Files.isDirectory(file)) {
            throw new AuditCommand.Failure(file + " is a folder, not a Hoglink link plan");
        }
        if (!Files.exists(file)) {
            throw new AuditCommand.Failure("there is no plan file " + file);
        }
        if (!Files.isRegularFile(file)) { // a pipe or a device: reading it could wait forever or never end
            throw new AuditCommand.Failure(file + " is not a regular file, so not a Hoglink link plan");
        }
        try {
            byte[] bytes;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                // Bounded: a file named by mistake (a log, a device such as /dev/zero) must not exhaust memory.
                bytes = in.readNBytes(MAX_PLAN_BYTES + 1);
            }
            if (bytes.length > MAX_PLAN_BYTES) {
                throw new AuditCommand.Failure(file + " is not a Hoglink link plan: it is larger than "
                        + MAX_PLAN_BYTES / (1024 * 1024) + " MB");
            }
            return PlanFiles.readPlan(bytes);
        } catch (IOException e) {
            throw new AuditCommand.Failure("cannot read the plan " + file + ": " + e.getClass().getSimpleName());
        } catch (IllegalArgumentException e) {
            throw new AuditCommand.Failure(file + " is " + e.getMessage());
        }
    }

    /**
     * What {@code --plan} made, before anything is sent: "plan ID: link the GitHub App installation on acme (id
     * 10000001) in Acme Analytics. Will link: 6 · Already linked: 1  —  6 to link. Nothing was sent." The counts are
     * the bulk link dialog's ({@link LinkPlan#countsText()}).
     */
    static String planLine(LinkPlan p) {
        String counts = p.countsText();
        return "plan " + p.id() + ": link " + p.installation().fullName() + " in " + p.organizationName() + ". "
                + (counts.isEmpty() ? "No project matches the filter" : counts) + ". Nothing was sent.";
    }

    /** What {@code --apply} is about to send: "applying plan ID: 6 projects to link to the GitHub App installation on ...". */
    static String applyingLine(LinkPlan p, PostHogHost host) {
        int n = p.planned().size();
        return "applying plan " + p.id() + ": " + n + (n == 1 ? " project" : " projects") + " to link to "
                + p.installation().fullName() + " in " + p.organizationName() + " at " + host.url()
                + "; each is checked first";
    }

    /**
     * After a run that left projects for a resume, the bulk link dialog's words ({@link PlanResult#notDoneText()},
     * {@link PlanResult#sourceGoneText()}) and how to resume here: "11 of 16 not done. Run the same command again to
     * resume: ...". Empty when every planned project ended.
     */
    static Optional<String> notDoneLine(PlanResult result, boolean ctrlC) {
        String notDone = result.notDoneText();
        if (notDone.isEmpty() && !ctrlC) {
            return Optional.empty();
        }
        String gone = result.sourceGoneText();
        return Optional.of((ctrlC ? "stopped by Ctrl+C: " : "") + (notDone.isEmpty() ? "" : notDone + ". ")
                + (gone.isEmpty() ? "" : gone + " ") + "Run the same command again to resume: each project is checked "
                + "first, and those linked are not sent again" + (gone.isEmpty() ? "."
                : "; PostHog is asked again which project offers the installation."));
    }

    /** Reads the organization, its projects and their GitHub rows, and predicts. */
    private static LinkPlan plan(Options o, PostHogClient client, PlanService plans,
                                 java.util.function.Consumer<String> note) {
        HttpInventoryService inventory = new HttpInventoryService(client);
        Organization org = AuditCommand.choose(inventory.organizations(), o.org());
        List<Project> projects = inventory.projects(org.id());
        ProjectFilter filter = ProjectFilter.parse(o.projects());
        // As the audit does: a plan of fewer projects than asked says why, never silently.
        inventory.limitNote().ifPresent(note);
        if ("ids".equals(filter.kind())) {
            java.util.Set<Long> read = new java.util.HashSet<>();
            projects.forEach(p -> read.add(p.id()));
            List<Long> missing = filter.ids().stream().filter(id -> !read.contains(id)).sorted().toList();
            if (!missing.isEmpty()) {
                note.accept((missing.size() == 1 ? "project id " : "projects with ids ")
                        + String.join(", ", missing.stream().limit(20).map(String::valueOf).toList())
                        + (missing.size() > 20 ? " and " + (missing.size() - 20) + " more" : "")
                        + (missing.size() == 1 ? " is" : " are") + " not among the projects of " + org.name()
                        + " this key can read; the plan leaves " + (missing.size() == 1 ? "it" : "them") + " out");
            }
        }
        Map<Long, List<GitHubLink>> links = readLinks(inventory, filter.needsLinks() ? projects
                : projects.stream().filter(filter::matchesWithoutLinks).toList());
        List<LinkPlanner.Target> targets = new ArrayList<>();
        for (Project p : projects) {
            if (links.containsKey(p.id()) && filter.matches(p, links.get(p.id()))) {
                targets.add(new LinkPlanner.Target(p, links.get(p.id())));
            }
        }
        String id = o.installation();
        targets = plans.withProjectLevels(org, id, targets); // a member may be admin of some projects (NM1)
        Optional<InstallationOption> offered = Optional.empty();
        String personalProblem = null;
        for (LinkPlanner.Target t : targets) {
            if (t.links().stream().noneMatch(l -> id.equals(l.installationId()))) {
                dev.hoglink.model.AvailableInstallations a = plans.availability(t.project().id());
                offered = a.installations().stream().filter(x -> id.equals(x.installationId())).findFirst();
                personalProblem = LinkPlanner.personalProblem(a.personalDiscoveryStatus(), a.personalGithubLogin());
                break;
            }
        }
        List<GitHubLink> all = new ArrayList<>();
        links.values().forEach(all::addAll);
        InstallationOption option = offered.orElseGet(() -> known(id, links));
        // The installation's health is on its source project's row, which the filter may have left out.
        if (option.sourceProjectId() != null && !links.containsKey(option.sourceProjectId())) {
            try {
                all.addAll(inventory.githubLinks(option.sourceProjectId()));
            } catch (ServiceException e) {
                if (e.kind() != ServiceException.Kind.PERMISSION && e.kind() != ServiceException.Kind.NOT_FOUND) {
                    throw e;
                }
                // A key limited to other projects cannot read the source project: the plan goes on without its
                // health, as the window does for a project it cannot read.
                note.accept("the installation's source project (id " + option.sourceProjectId() + ") cannot be read with "
                        + "this key, so the plan does not know whether the installation still works there");
            }
        }
        Capabilities caps = new Capabilities(inventory.keyCanWriteIntegrations(), org.name(), org.membershipLevel(),
                Optional.empty(), false, inventory.signedInWithPostHog());
        boolean anyToAsk = targets.stream().anyMatch(t -> t.links().stream().noneMatch(l -> id.equals(l.installationId())));
        return plans.plan(org, option, targets, all, offered.isPresent() || !anyToAsk, caps,
                plans.personalGitHubInstallations(), personalProblem);
    }

    /** The installation as the loaded rows know it, when PostHog does not offer it. */
    private static InstallationOption known(String id, Map<Long, List<GitHubLink>> links) {
        for (var e : links.entrySet()) {
            for (GitHubLink l : e.getValue()) {
                if (id.equals(l.installationId())) {
                    return new InstallationOption(id, l.accountName(), l.accountType(), e.getKey(), null, null);
                }
            }
        }
        return new InstallationOption(id, null, null, null, null, null);
    }

    /** Each project's GitHub rows, eight reads at a time (the client's limiter paces them). */
    private static Map<Long, List<GitHubLink>> readLinks(HttpInventoryService inventory, List<Project> projects) {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "hoglink-link-read");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<Long, java.util.concurrent.Future<List<GitHubLink>>> futures = new LinkedHashMap<>();
            for (Project p : projects) {
                futures.put(p.id(), pool.submit(() -> inventory.githubLinks(p.id())));
            }
            Map<Long, List<GitHubLink>> out = new LinkedHashMap<>();
            for (var e : futures.entrySet()) {
                try {
                    out.put(e.getKey(), e.getValue().get());
                } catch (java.util.concurrent.ExecutionException x) {
                    if (x.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new IllegalStateException(x.getCause());
                } catch (InterruptedException x) {
                    Thread.currentThread().interrupt();
                    throw new java.util.concurrent.CancellationException("interrupted");
                }
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }
}
