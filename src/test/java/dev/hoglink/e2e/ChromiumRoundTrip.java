package dev.hoglink.e2e;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.Sleeper;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.service.PostHogHost;
import java.net.URI;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * One OAuth round trip with a real browser, outside the default build (it needs Chromium installed):
 * starts a sandbox, mints a link for project 110 as its owner, opens it in headless Chromium, clicks
 * Authorize, and watches until the new integration appears. Exits 0 on success.
 *
 * <pre>java -cp target/test-classes:target/classes:$(cat cp.txt) dev.hoglink.e2e.ChromiumRoundTrip [/usr/bin/chromium]</pre>
 */
public final class ChromiumRoundTrip {

    private ChromiumRoundTrip() {
    }

    public static void main(String[] args) throws Exception {
        String chromium = args.length > 0 ? args[0] : "/usr/bin/chromium";
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        int status = 1;
        try (HeadlessChromium browser = new HeadlessChromium(chromium)) {
            PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner"))).build();
            ActionJournal journal = new ActionJournal(Files.createTempDirectory("hoglink-chromium-journal").resolve("j.jsonl"),
                    Clock.systemUTC());
            OAuthService service = new OAuthService(client, PostHogHost.parse(sandbox.baseUri().toString()), true, Set.of(),
                    journal, Clock.systemUTC(), Sleeper.system());
            Project docs = new Project(110, "Docs", SeedWorld.ACME_ORG, Instant.now());
            OAuthService.Launch launch = service.mint(new Organization(SeedWorld.ACME_ORG, "Acme Analytics", "acme", 15),
                    docs, SeedWorld.INST_ACME);
            URI landing = browser.clickThrough(launch.url().toString(), "approve");
            System.out.println("browser landed on " + landing.getPath() + "?" + landing.getQuery());
            OAuthService.WatchResult result = service.watch(launch, p -> { });
            System.out.println("wizard result: " + result.status() + " - " + result.message());
            status = result.status() == OAuthService.Status.COMPLETED ? 0 : 1;
        } finally {
            sandbox.stop();
        }
        System.exit(status);
    }
}
