package dev.hoglink.e2e;

import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.credentials.SessionCredentialStore;
import dev.hoglink.service.signin.SignInService;
import dev.hoglink.service.signin.SignInStore;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * "Sign in with PostHog" with a real browser, outside the default build (it needs Chromium): starts a sandbox,
 * begins a sign-in (discovery, registration, the loopback listener), opens the consent page in headless Chromium
 * with a fresh profile, clicks Authorize through the DevTools protocol as a person would (no shortcut past the
 * consent), waits until the browser shows Hoglink's "Signed in" page on 127.0.0.1, then lists the organization's
 * projects with the new session. Exits 0 when all of that happened.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) dev.hoglink.e2e.SignInChromiumRun [/usr/bin/chromium]</pre>
 */
public final class SignInChromiumRun {

    private SignInChromiumRun() {
    }

    public static void main(String[] args) throws Exception {
        String chromium = args.length > 0 ? args[0] : "/usr/bin/chromium";
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        int status = 1;
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            PostHogHost host = PostHogHost.parse(sandbox.baseUri().toString());
            SignInService service = new SignInService(new SignInStore(
                    Files.createTempDirectory("hoglink-signin").resolve("signin.json"), Clock.systemUTC()),
                    new Credentials(new SessionCredentialStore()), Clock.systemUTC());
            SignInService.Pending pending = service.start(service.plan(host));
            CompletableFuture<URI> landed = CompletableFuture.supplyAsync(() -> {
                try {
                    return browser.clickThrough(pending.url().toString(), "authorize",
                            "location.pathname === '/callback' && document.body && document.body.innerText.includes('Return to Hoglink')");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SignInService.SignedIn s = service.finish(pending, "Chromium", Duration.ofSeconds(60));
            URI page = landed.get();
            System.out.println("browser landed on " + page.getHost() + ":" + page.getPort() + page.getPath()
                    + " and was told: " + browser.eval("document.querySelector('h1').innerText"));
            PostHogClient client = PostHogClient.builder(host.url(), s.session().current()).bearer(s.session()).build();
            int projects = client.projects(SeedWorld.ACME_ORG).size();
            System.out.println("signed in as " + client.me().email() + " with scopes " + s.grantedScopes()
                    + "; Acme has " + projects + " projects");
            status = projects == 24 ? 0 : 1;
        } finally {
            sandbox.stop();
        }
        System.exit(status);
    }
}
