package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.inventory.CacheKey;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.InventorySnapshot;
import java.time.Instant;
import java.util.Map;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a desktop start does before the JavaFX toolkit is up: the local files, the cached inventory, and, when the
 * start opens the embedded sandbox, the sandbox with its first reads sent, so the window's first calls find them.
 */
class EarlyStartTest {

    @TempDir
    Path home;

    private EarlyStart started;

    @BeforeEach
    void useHome() {
        System.setProperty("hoglink.home", home.toString());
    }

    @AfterEach
    void stop() {
        if (started != null) {
            started.sandbox().stop();
        }
        System.clearProperty("hoglink.home");
    }

    @Test
    void aSandboxStartOpensTheSandboxAndSendsItsFirstReadsBeforeTheWindowAsks() throws Exception {
        started = EarlyStart.take(GuiOptions.parse(List.of("--sandbox")), true);
        EarlyStart.Services s = started.services();
        assertEquals(home.resolve("config"), s.dirs().configPath());
        EarlyStart.SandboxStart sandbox = started.sandboxStart().get(60, TimeUnit.SECONDS).orElseThrow();
        // organizations, who, the first organization's projects and its teams: sent without the window asking
        org.testfx.util.WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS,
                () -> started.sandbox().server().knobs().requestsServed() >= 4);
        long served = started.sandbox().server().knobs().requestsServed();
        assertTrue(served >= 4, "start-up reads sent: " + served);

        List<Organization> orgs = sandbox.reads().organizations();
        assertFalse(orgs.isEmpty());
        assertFalse(sandbox.reads().projects(orgs.get(0).id(), page -> { }).isEmpty());
        assertEquals(served, started.sandbox().server().knobs().requestsServed(),
                "the window's first calls were answered by the start-up's reads");
        assertSame(sandbox.session().inventory(), sandbox.reads().service());
    }

    @Test
    void aStartOnASavedConnectionLeavesTheSandboxAlone() throws Exception {
        ProfileStore profiles = new ProfileStore(home.resolve("config").resolve(ProfileStore.FILE_NAME), Clock.systemUTC());
        profiles.add(ConnectionProfile.of("Prod", PostHogHost.parse("https://eu.posthog.com")));
        profiles.setLastUsed("Prod");
        started = EarlyStart.take(GuiOptions.defaults(), true);
        assertEquals(Optional.empty(), started.sandboxStart().get(60, TimeUnit.SECONDS));
        assertNull(started.sandbox().server(), "no sandbox started for a saved connection");
        assertEquals("Prod", started.services().profiles().lastUsed().orElseThrow().name());
    }

    @Test
    void aRepeatStartWithCachedRowsLeavesTheSandboxToTheWindow() throws Exception {
        Organization org = new Organization("org-1", "Acme Analytics", "acme", 8);
        new InventoryCache(home.resolve("cache")).save(new CacheKey("http://127.0.0.1:40123",
                CacheKey.sandbox("owner"), "uuid-owner"), new InventorySnapshot("http://127.0.0.1:40123", org,
                Instant.now().minusSeconds(60), List.of(new InventorySnapshot.Entry(
                        new Project(101, "Web", "org-1", null), List.of())), Map.of()));
        started = EarlyStart.take(GuiOptions.parse(List.of("--sandbox")), true);
        assertEquals(Optional.of("org-1"), started.services().cached().organizationId(), "the cached first frame");
        assertEquals(Optional.empty(), started.sandboxStart().get(60, TimeUnit.SECONDS),
                "the first frame has rows: the sandbox does not compete with the toolkit");
        assertNull(started.sandbox().server());
    }

    @Test
    void whichStartsOpenTheSandbox() throws Exception {
        ProfileStore profiles = new ProfileStore(home.resolve("profiles.json"), Clock.systemUTC());
        assertTrue(EarlyStart.opensSandbox(GuiOptions.defaults(), profiles), "first start");
        assertTrue(EarlyStart.opensSandbox(GuiOptions.parse(List.of("--profile", "Nope")), profiles),
                "a connection that is not saved: the sandbox, and the window says so");
        profiles.add(ConnectionProfile.of("Prod", PostHogHost.parse("https://eu.posthog.com")));
        assertTrue(EarlyStart.opensSandbox(GuiOptions.defaults(), profiles), "saved but never used: the sandbox");
        assertFalse(EarlyStart.opensSandbox(GuiOptions.parse(List.of("--profile", "Prod")), profiles));
        profiles.setLastUsed("Prod");
        assertFalse(EarlyStart.opensSandbox(GuiOptions.defaults(), profiles), "the connection used last");
        assertTrue(EarlyStart.opensSandbox(GuiOptions.parse(List.of("--sandbox")), profiles));
    }

    @Test
    void theWindowTakesTheStartTheLauncherBegan() throws Exception {
        GuiOptions dark = GuiOptions.parse(List.of("--theme", "dark"));
        System.setProperty("hoglink.earlystart", "false"); // the launcher's switch: the window starts the sandbox
        try {
            EarlyStart.begin(dark);
            started = EarlyStart.take(dark, true);
            assertEquals(Optional.empty(), started.sandboxStart().get(60, TimeUnit.SECONDS),
                    "the start the launcher began, with its switch, not a new one");
            assertEquals("light", started.services().prefs().theme, "the window settings are read");
            assertTrue(Files.isDirectory(home.resolve("data").resolve("logs")), "the log is set up");
        } finally {
            System.clearProperty("hoglink.earlystart");
        }
    }
}
