package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.credentials.CredentialStore;
import dev.hoglink.service.credentials.CredentialStoreException;
import dev.hoglink.service.credentials.SessionCredentialStore;
import dev.hoglink.service.inventory.CacheKey;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.InventorySnapshot;
import dev.hoglink.ui.inventory.InventoryViewModel;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The window's first frame at start-up shows the cached inventory of the connection the start opens, marked as
 * cached with its age: the sandbox's from its last run (whatever port it had), and a saved connection's even when
 * there is no keyring and the key prompt is all the start can offer. What the first frame shows is read at the
 * end of {@code start()}, before the FX thread has run anything else: the frame the window is first drawn with.
 */
class CachedFirstFrameFxTest {

    @RegisterExtension
    final RealApp real = new RealApp();

    private final FxRobot robot = new FxRobot();

    /** What the inventory showed when start() returned, i.e. in the window's first frame. */
    record FirstFrame(int rows, boolean cached, String freshness, String label, String firstProject, boolean connected) {
    }

    /** The real app, recording its first frame, with a keyring that is in memory or missing altogether. */
    public static class TestApp extends HoglinkApp {
        static volatile FirstFrame firstFrame;
        static volatile boolean keyringMissing;

        @Override
        public void start(Stage stage) {
            super.start(stage);
            InventoryViewModel vm = inventory();
            firstFrame = new FirstFrame(vm.rows().size(), vm.showingCachedProperty().get(), vm.freshnessTextProperty().get(),
                    vm.connectionLabelProperty().get(), vm.rows().isEmpty() ? "" : vm.rows().get(0).name(),
                    vm.connectedProperty().get());
        }

        @Override
        protected Duration firstFrameWait() {
            return Duration.ofSeconds(20); // the read is short, but the test machine may be very busy
        }

        @Override
        protected CredentialStore createKeyring() {
            return keyringMissing ? new NoKeyring() : new SessionCredentialStore();
        }

        InventoryViewModel vm() {
            return inventory();
        }
    }

    @Test
    void aRepeatStartShowsTheSandboxsCachedRowsMarkedAsCachedInItsFirstFrame() throws Exception {
        TestApp.keyringMissing = false;
        InventoryViewModel first = real.start(TestApp.class, "--sandbox").vm();
        assertEquals(0, TestApp.firstFrame.rows(), "a first start has no cache");
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() >= 20 && !first.busyProperty().get());
        int loaded = first.rows().size();
        real.stop(); // the cache is on disk when stop() returns

        TestApp app = real.start(TestApp.class, "--sandbox"); // the sandbox listens on another port now
        FirstFrame f = TestApp.firstFrame;
        assertEquals(loaded, f.rows(), "the first frame shows every cached row");
        assertTrue(f.cached(), "marked as cached");
        assertTrue(f.freshness().startsWith("Showing data from "), f.freshness());
        assertEquals("Sandbox", f.label());
        // The sandbox may be open by then (the start opens it while the toolkit starts): the rows are still the
        // cache's, marked so, until its refresh replaces them.
        // then the sandbox opens and refreshes the same rows in place
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> !app.vm().showingCachedProperty().get()
                && !app.vm().busyProperty().get());
        assertEquals(loaded, app.vm().rows().size());
        assertTrue(app.vm().freshnessTextProperty().get().startsWith("Updated "), app.vm().freshnessTextProperty().get());
    }

    @Test
    void withoutAKeyringASavedConnectionsCacheShowsBeforeTheKeyPrompt() throws Exception {
        TestApp.keyringMissing = true;
        String host = "http://127.0.0.1:9"; // nothing answers there: the rows can only come from the cache
        new ProfileStore(real.home().resolve("config").resolve(ProfileStore.FILE_NAME), Clock.systemUTC())
                .add(ConnectionProfile.of("Prod", PostHogHost.parse(host)));
        Organization org = new Organization("org-prod", "Acme Production", "acme-prod", 8);
        InventoryCache cache = new InventoryCache(real.home().resolve("cache"));
        cache.save(new CacheKey(host, CacheKey.profile("Prod"), "uuid-ada"), new InventorySnapshot(host, org, Instant.now().minusSeconds(3 * 3600), List.of(
                new InventorySnapshot.Entry(new Project(501, "Checkout", "org-prod", null), List.of()),
                new InventorySnapshot.Entry(new Project(502, "Billing", "org-prod", null), List.of()),
                new InventorySnapshot.Entry(new Project(503, "Search", "org-prod", null), null)), Map.of()));

        TestApp app = real.start(TestApp.class, "--profile", "Prod");
        FirstFrame f = TestApp.firstFrame;
        assertEquals(3, f.rows(), "the cached rows are in the first frame");
        assertTrue(f.cached(), "marked as cached");
        assertEquals("Showing data from 3 hours ago", f.freshness());
        assertEquals("Prod", f.label());

        // the keyring cannot give the key: the prompt opens, over the cached rows
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(3, app.vm().rows().size(), "the cache stays behind the prompt");
        assertTrue(app.vm().showingCachedProperty().get());
        assertEquals("Acme Production", app.vm().selectedOrganizationProperty().get().name());
        assertEquals("Prod", robot.lookup("#connectionBadge").<Label>query().getText());
        robot.interact(() -> robot.lookup("#keyField").query().getScene().getWindow().hide());
    }

    @Test
    void aProfileOnAStandaloneSandboxNeverShowsWhatTheEmbeddedSandboxsOwnerSaw() throws Exception {
        // The embedded sandbox, signed in as its owner, leaves its inventory in the cache.
        TestApp.keyringMissing = false;
        InventoryViewModel first = real.start(TestApp.class, "--sandbox").vm();
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> table.getItems().size() >= 20 && !first.busyProperty().get());
        real.stop();

        // A read-only profile on a standalone sandbox: the same computer, so the same host once the port is set aside.
        String host = "http://127.0.0.1:9"; // nothing answers: whatever rows show can only come from the cache
        new ProfileStore(real.home().resolve("config").resolve(ProfileStore.FILE_NAME), Clock.systemUTC())
                .add(ConnectionProfile.of("Standalone read-only", PostHogHost.parse(host)).withReadOnly(true));
        TestApp.keyringMissing = true;
        TestApp app = real.start(TestApp.class, "--profile", "Standalone read-only");
        FirstFrame f = TestApp.firstFrame;
        assertEquals(0, f.rows(), "another connection's cache is not this one's first frame");
        assertTrue(!f.cached());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, app.vm().rows().size(), "nor is it shown behind the key prompt");
        robot.interact(() -> robot.lookup("#keyField").query().getScene().getWindow().hide());

        // and the sandbox's own cache is still there for the sandbox
        real.stop();
        TestApp.keyringMissing = false;
        real.start(TestApp.class, "--sandbox");
        assertTrue(TestApp.firstFrame.rows() >= 20 && TestApp.firstFrame.cached(), "the sandbox's first frame");
    }

    @Test
    void aSavedConnectionsFirstFrameShowsOnlyTheUserItsLastSessionWasSignedInAs() throws Exception {
        TestApp.keyringMissing = true;
        String host = "http://127.0.0.1:9";
        new ProfileStore(real.home().resolve("config").resolve(ProfileStore.FILE_NAME), Clock.systemUTC())
                .add(ConnectionProfile.of("Prod", PostHogHost.parse(host)));
        Organization org = new Organization("org-prod", "Acme Production", "acme-prod", 8);
        InventoryCache cache = new InventoryCache(real.home().resolve("cache"));
        String prod = CacheKey.profile("Prod");
        cache.save(new CacheKey(host, prod, "uuid-cy"), new InventorySnapshot(host, org, Instant.now().minusSeconds(60),
                List.of(new InventorySnapshot.Entry(new Project(601, "Cy's project", "org-prod", null), List.of()),
                        new InventorySnapshot.Entry(new Project(602, "Cy's other", "org-prod", null), List.of())), Map.of()));
        // the last session of Prod was Ada's: it saved last
        cache.save(new CacheKey(host, prod, "uuid-ada"), new InventorySnapshot(host, org, Instant.now().minusSeconds(60),
                List.of(new InventorySnapshot.Entry(new Project(501, "Ada's project", "org-prod", null), List.of())), Map.of()));

        real.start(TestApp.class, "--profile", "Prod");
        assertEquals("Ada's project", TestApp.firstFrame.firstProject());
        assertEquals(1, TestApp.firstFrame.rows());
        real.stop();

        // Prod is given a new key (or sign-in): nobody is known until a request says who
        cache.forgetUser(prod);
        real.start(TestApp.class, "--profile", "Prod");
        assertEquals(0, TestApp.firstFrame.rows(), "neither Ada's nor Cy's");
    }

    /** A keyring that is not there, as on a desktop without a Secret Service. */
    static final class NoKeyring implements CredentialStore {
        private static CredentialStoreException missing() {
            return new CredentialStoreException(CredentialStoreException.Reason.UNAVAILABLE,
                    "No system keyring is available: no Secret Service is running.");
        }

        @Override
        public Optional<String> read(String profile) throws CredentialStoreException {
            throw missing();
        }

        @Override
        public void write(String profile, String key) throws CredentialStoreException {
            throw missing();
        }

        @Override
        public void delete(String profile) throws CredentialStoreException {
            throw missing();
        }

        @Override
        public Availability availability() {
            return Availability.unavailable("No system keyring is available.");
        }

        @Override
        public String description() {
            return "no keyring";
        }
    }
}
