package dev.hoglink.cli;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.dto.UserDto;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.credentials.KeyringCredentialStore;
import dev.hoglink.service.signin.SignInFailure;
import dev.hoglink.service.signin.SignInService;
import dev.hoglink.service.signin.SignInStore;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.PrintableText;
import dev.hoglink.util.Waits;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * {@code hoglink login --profile NAME [--host URL]}: "Sign in with PostHog" from a terminal, the same flow as the
 * window. Prints what is asked for and the sign-in URL, opens the browser when it can, waits for the answer on
 * 127.0.0.1, and keeps the refresh token in the OS keyring for {@code hoglink audit --profile NAME}.
 * {@code --logout} revokes the sign-in and forgets it.
 */
public final class LoginCommand {

    public static final String USAGE = """
            Usage: hoglink login --profile NAME [--host URL] [--no-browser] [--timeout SECONDS]
                   hoglink login --profile NAME --logout
              --profile NAME   the saved connection to sign in (made when --host is given and it does not exist)
              --host URL       us (US Cloud), eu (EU Cloud) or a self-hosted address such as https://posthog.example.com
              --no-browser     only print the URL (open it yourself, on any browser of this computer)
              --timeout S      how long to wait for the browser's answer (default 300)
              --logout         revoke the sign-in at PostHog and forget it here
            Exit codes: 0 signed in (or out); 1 the sign-in failed (consent denied, timeout, exchange refused,
            network); 2 bad usage; 3 the server offers no OAuth sign-in (an older PostHog): use a personal API key.
            """;

    private LoginCommand() {
    }

    record Options(String profile, String host, boolean browser, Duration timeout, boolean logout) {
        static Options parse(List<String> args) {
            String profile = null;
            String host = null;
            boolean browser = true;
            boolean logout = false;
            Duration timeout = SignInService.DEFAULT_TIMEOUT;
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                CliText.once(seen, a);
                switch (a) {
                    case "--profile" -> profile = value(args, ++i, a);
                    case "--host" -> host = value(args, ++i, a);
                    case "--no-browser" -> browser = false;
                    case "--logout" -> logout = true;
                    case "--timeout" -> {
                        try {
                            timeout = Duration.ofSeconds(Long.parseLong(value(args, ++i, a)));
                        } catch (NumberFormatException e) {
                            throw new IllegalArgumentException("--timeout takes a number of seconds");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown argument '" + a + "'");
                }
            }
            if (profile == null) {
                throw new IllegalArgumentException("--profile NAME is required");
            }
            return new Options(profile, host, browser, timeout, logout);
        }

        private static String value(List<String> args, int i, String flag) {
            if (i >= args.size() || args.get(i).startsWith("--")) {
                throw new IllegalArgumentException(flag + " needs a value");
            }
            return args.get(i);
        }
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        KeyringCredentialStore keyring = KeyringCredentialStore.system();
        try {
            return run(args, out, err, AppDirs.forCurrentUser(), new Credentials(keyring), LoginCommand::openBrowser, 0);
        } finally {
            keyring.shutdown();
        }
    }

    static int run(List<String> args, PrintStream out, PrintStream err, AppDirs dirs, Credentials credentials,
                   Predicate<String> browser, int port) {
        Options o;
        try {
            o = Options.parse(args);
        } catch (IllegalArgumentException e) {
            CliText.line(err, "login", e.getMessage());
            err.print(USAGE);
            return 2;
        }
        try {
            ProfileStore profiles = ProfileStore.open(dirs);
            ConnectionProfile profile = profile(profiles, o);
            PostHogHost host = profile.host();
            SignInService service = new SignInService(SignInStore.open(dirs), credentials, Clock.systemUTC(), port);
            if (o.logout()) {
                Optional<String> problem = service.signOut(profile.name(), host, null);
                out.println("Signed out of " + host.displayName() + " for \"" + profile.name() + "\".");
                problem.ifPresent(p -> CliText.line(err, "login", p));
                return 0;
            }
            SignInService.Plan plan = service.plan(host);
            err.println("Hoglink asks " + host.displayName() + " for:");
            plan.grants().forEach(g -> err.println(PrintableText.oneLine("  " + g.scope() + "  " + g.meaning())));
            SignInService.Pending pending = service.start(plan);
            out.println("Open this address to sign in (it is single use):");
            out.println(pending.url());
            out.flush();
            if (o.browser() && !browser.test(pending.url().toString())) {
                err.println("The browser could not be opened; copy the address above into a browser on this computer.");
            }
            err.println("Waiting for the browser (up to " + Waits.span(o.timeout()) + ")...");
            SignInService.SignedIn s = service.finish(pending, profile.name(), o.timeout());
            String who = "";
            try {
                UserDto me = PostHogClient.builder(host.url(), s.session().current()).bearer(s.session()).build().me();
                who = " as " + me.email();
            } catch (ApiException e) {
                CliText.line(err, "login", "signed in, but reading who you are failed: " + e.userMessage());
            }
            // The email and the granted scopes come from the server: one line, no escapes or bidirectional controls.
            out.println(PrintableText.oneLine("Signed in to " + host.displayName() + who + "; granted: "
                    + String.join(" ", s.grantedScopes())
                    + (s.keptForSessionOnly() ? " (no keyring: this sign-in ends with this command)" : "")
                    + ". Run: hoglink audit --profile \"" + profile.name() + "\""));
            return 0;
        } catch (SignInFailure e) {
            CliText.line(err, "login", e.getMessage());
            return e.fallBackToPersonalKey() ? 3 : 1;
        } catch (IllegalArgumentException e) {
            CliText.line(err, "login", e.getMessage());
            return 2;
        } catch (ApiException e) {
            CliText.line(err, "login", e.userMessage());
            return 2;
        } catch (IOException e) {
            CliText.line(err, "login", "the connection could not be saved: " + e.getMessage());
            return 1;
        }
    }

    private static ConnectionProfile profile(ProfileStore profiles, Options o) throws IOException {
        Optional<ConnectionProfile> existing = profiles.find(o.profile());
        if (existing.isPresent() && !existing.get().sandbox()) {
            if (o.host() != null && !PostHogHost.parse(o.host()).equals(existing.get().host())) {
                throw new IllegalArgumentException("\"" + o.profile() + "\" is saved for " + existing.get().host().url()
                        + "; leave out --host or choose another profile name");
            }
            return existing.get();
        }
        if (o.host() == null) {
            throw new IllegalArgumentException("no saved connection named \"" + o.profile() + "\"; add --host URL");
        }
        String h = o.host().equalsIgnoreCase("us") ? PostHogHost.US_CLOUD.url()
                : o.host().equalsIgnoreCase("eu") ? PostHogHost.EU_CLOUD.url() : o.host();
        ConnectionProfile p = ConnectionProfile.of(o.profile(), PostHogHost.parse(h));
        profiles.add(p);
        return p;
    }

    /** Opens the system browser; false when there is none to open. */
    static boolean openBrowser(String url) {
        try {
            if (java.awt.Desktop.isDesktopSupported() && java.awt.Desktop.getDesktop().isSupported(java.awt.Desktop.Action.BROWSE)) {
                java.awt.Desktop.getDesktop().browse(java.net.URI.create(url));
                return true;
            }
        } catch (Exception | Error e) {
            // fall through to xdg-open
        }
        try {
            Process p = new ProcessBuilder("xdg-open", url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, java.util.concurrent.TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
