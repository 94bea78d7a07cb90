package dev.hoglink.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.HoglinkApp;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.credentials.CredentialStore;
import dev.hoglink.service.credentials.SessionCredentialStore;
import dev.hoglink.support.FxLookup;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The first run and the connection dialog, driven through the real window: the app opens on its embedded
 * sandbox with the welcome banner; the dialog then connects to a second, standalone sandbox as if it were
 * a self-hosted PostHog, with a good key, a bad key and a read-only key. A canary key must never reach the
 * log, the files Hoglink writes, or any text on screen.
 */
class ConnectionFlowFxTest {

    /** The app with a memory keyring, so the test never touches the machine's real one. */
    public static final class TestApp extends HoglinkApp {
        static final SessionCredentialStore KEYRING = new SessionCredentialStore();
        /** When set, the keyring behaves like a machine without a Secret Service. */
        static volatile boolean keyringMissing;

        @Override
        protected CredentialStore createKeyring() {
            return keyringMissing ? new NoKeyring() : KEYRING;
        }
    }

    /** A keyring that is not there, as on a desktop without a Secret Service. */
    static final class NoKeyring implements CredentialStore {
        private static dev.hoglink.service.credentials.CredentialStoreException missing() {
            return new dev.hoglink.service.credentials.CredentialStoreException(
                    dev.hoglink.service.credentials.CredentialStoreException.Reason.UNAVAILABLE,
                    "No system keyring is available: no Secret Service is running.");
        }

        @Override
        public java.util.Optional<String> read(String profile) throws dev.hoglink.service.credentials.CredentialStoreException {
            throw missing();
        }

        @Override
        public void write(String profile, String key) throws dev.hoglink.service.credentials.CredentialStoreException {
            throw missing();
        }

        @Override
        public void delete(String profile) throws dev.hoglink.service.credentials.CredentialStoreException {
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

    private static final String CANARY = "phx_CANARYflow0123456789abcdef";
    private static SandboxServer remote;

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private final List<String> logLines = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logLines.add(new dev.hoglink.util.Logging.RedactingFormatter().formatMessage(r) + " "
                    + (r.getThrown() == null ? "" : String.valueOf(r.getThrown())));
            logLines.add(String.valueOf(r.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Application app;

    @BeforeAll
    static void startRemote() throws IOException {
        remote = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stopRemote() {
        remote.stop();
    }

    @BeforeEach
    void startApp(org.junit.jupiter.api.TestInfo info) throws Exception {
        TestApp.keyringMissing = info.getDisplayName().contains("WithoutAKeyring");
        System.setProperty("hoglink.home", home.toString());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(TestApp.class);
        Logger.getLogger("").addHandler(capture);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
    }

    @AfterEach
    void stopApp() throws Exception {
        Logger.getLogger("").removeHandler(capture);
        // Close the dialogs too, so the next test's lookups cannot find this one's windows.
        robot.interact(() -> new java.util.ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof javafx.stage.Stage s && s.getOwner() != null)
                .forEach(w -> ((javafx.stage.Stage) w).close()));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("hoglink.home");
    }

    private void openDialogAndTest(String key) throws Exception {
        robot.clickOn("#welcomeConnectButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        robot.clickOn(inDialog("#selfHostedRadio").<javafx.scene.Node>query());
        robot.clickOn(inDialog("#hostField").<javafx.scene.Node>query()).write(remote.baseUri().toString());
        robot.clickOn(inDialog("#keyField").<javafx.scene.Node>query());
        robot.interact(() -> inDialog("#keyField").<TextField>query().setText(key));
        robot.clickOn(inDialog("#testButton").<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> {
            String h = headline();
            return !h.isEmpty() && !h.startsWith("Testing");
        });
        // The headline is read off the FX thread while the same callback is still filling the report: let it finish.
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The showing connection dialog's root: lookups stay inside it, never in another window. */
    private javafx.scene.Parent dialog() {
        return FxLookup.onFx(() -> Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().lookup("#keyField") != null)
                .map(w -> w.getScene().getRoot())
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no connection dialog is showing")));
    }

    private org.testfx.service.query.NodeQuery inDialog(String query) {
        return robot.from(dialog()).lookup(query);
    }

    private String headline() {
        return inDialog("#headlineLabel").<Label>query().getText();
    }

    @Test
    void firstRunShowsTheSandboxBadgeAndWelcomeBanner() {
        assertTrue(robot.lookup("#welcomeBanner").query().isVisible());
        assertTrue(robot.lookup("Sandbox").tryQuery().isPresent());
    }

    @Test
    void aGoodKeyShowsWhoAndWhereThenSavesToTheKeyringOnlyAndSwitches() throws Exception {
        openDialogAndTest(remote.key("admin"));
        assertTrue(headline().startsWith("Connected as"), headline());
        String report = allText(inDialog("#reportList").query());
        assertTrue(report.contains("Acme Analytics: admin"), report);
        assertTrue(report.contains("integration:write"), report);

        robot.clickOn(inDialog("#revealButton").<javafx.scene.Node>query());
        assertTrue(inDialog("#keyVisibleField").query().isVisible());
        assertEquals(remote.key("admin"), inDialog("#keyVisibleField").<TextField>query().getText());

        robot.clickOn(inDialog("#nameField").<javafx.scene.Node>query()).eraseText(40).write("Remote test");
        robot.clickOn(inDialog("#saveButton").<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isEmpty());
        assertEquals(remote.key("admin"), TestApp.KEYRING.read("Remote test").orElseThrow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#welcomeBanner").tryQuery().isEmpty());
        String profiles = Files.readString(home.resolve("config/profiles.json"));
        assertTrue(profiles.contains("Remote test"), profiles);
        assertFalse(profiles.contains(remote.key("admin")), "profiles never hold the key");

        // The next start opens the connection used last, with its key from the keyring.
        FxToolkit.cleanupApplication(app);
        app = FxToolkit.setupApplication(TestApp.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "Remote test".equals(
                robot.lookup("#connectionBadge").<Label>query().getText()));
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        assertTrue(robot.lookup("#welcomeBanner").tryQuery().isEmpty(), "no first-run banner once connected");
    }

    @Test
    void enterInTheKeyFieldSavesAndTheConnectionMenuTicksTheNewConnection() throws Exception {
        openDialogAndTest(remote.key("admin"));
        robot.clickOn(inDialog("#nameField").<javafx.scene.Node>query()).eraseText(40).write("Enter test");
        robot.clickOn(inDialog("#keyField").<javafx.scene.Node>query());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isEmpty());
        assertEquals(remote.key("admin"), TestApp.KEYRING.read("Enter test").orElseThrow());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Enter test".equals(
                robot.lookup("#connectionBadge").<Label>query().getText()));
        // The dialog has just closed: look the menu up on the FX thread, not while its window leaves the list.
        javafx.scene.control.MenuButton menu = FxLookup.query(robot, "#connectionMenu");
        robot.clickOn(menu);
        WaitForAsyncUtils.waitForFxEvents();
        java.util.List<String> ticked = menu.getItems().stream()
                .filter(i -> i instanceof javafx.scene.control.RadioMenuItem r && r.isSelected())
                .map(javafx.scene.control.MenuItem::getText).toList();
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertEquals(1, ticked.size(), "exactly one connection is ticked: " + ticked);
        assertTrue(ticked.get(0).contains("Enter test"), ticked.toString());
    }

    @Test
    void aConnectionSavedByAnotherRunningCopyIsInTheConnectionMenuWithoutARestart() throws Exception {
        // `hoglink login` in a terminal while this window is open writes the same profiles.json.
        dev.hoglink.service.connection.ProfileStore terminal = new dev.hoglink.service.connection.ProfileStore(
                home.resolve("config").resolve(dev.hoglink.service.connection.ProfileStore.FILE_NAME),
                java.time.Clock.systemUTC());
        terminal.add(dev.hoglink.service.connection.ConnectionProfile.of("From a terminal",
                dev.hoglink.service.PostHogHost.EU_CLOUD));

        javafx.scene.control.MenuButton menu = FxLookup.query(robot, "#connectionMenu");
        robot.clickOn(menu);
        WaitForAsyncUtils.waitForFxEvents();
        List<String> items = FxLookup.onFx(() -> menu.getItems().stream()
                .map(javafx.scene.control.MenuItem::getText).filter(t -> t != null).toList());
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertTrue(items.stream().anyMatch(t -> t.startsWith("From a terminal  ·  ")), items.toString());
    }

    @Test
    void enterInTheKeyFieldTestsAnUntestedKeyThenEnterAgainSaves() throws Exception {
        robot.clickOn("#welcomeConnectButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        robot.clickOn(inDialog("#nameField").<javafx.scene.Node>query()).eraseText(40).write("Keyboard");
        robot.clickOn(inDialog("#selfHostedRadio").<javafx.scene.Node>query());
        robot.clickOn(inDialog("#hostField").<javafx.scene.Node>query()).write(remote.baseUri().toString());
        robot.clickOn(inDialog("#keyField").<javafx.scene.Node>query());
        robot.interact(() -> inDialog("#keyField").<TextField>query().setText(remote.key("admin")));
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> headline().startsWith("Connected as"));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn(inDialog("#keyField").<javafx.scene.Node>query());
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Keyboard".equals(
                robot.lookup("#connectionBadge").<Label>query().getText()));
    }

    @Test
    void aReadOnlyKeySaysLinkingWillBeDisabled() throws Exception {
        openDialogAndTest(remote.key("readonly"));
        assertTrue(headline().startsWith("Connected as"), headline());
        String advice = inDialog("#adviceLabel").<Label>query().getText();
        assertTrue(advice.contains("Read-only"), advice);
        assertTrue(allText(inDialog("#reportList").query()).contains("integration:write"));
        // Globex Labs refuses members' personal API keys: its line is no green check, and says why.
        List<Label> globex = FxLookup.onFx(() -> inDialog("#reportList").<javafx.scene.layout.VBox>query()
                .getChildren().stream().map(Label.class::cast).filter(l -> l.getText().startsWith("Globex Labs"))
                .toList());
        assertEquals(1, globex.size());
        assertTrue(globex.get(0).getStyleClass().contains("bad"), globex.get(0).getStyleClass().toString());
        assertTrue(globex.get(0).getText().contains("does not let members use personal API keys"),
                globex.get(0).getText());
    }

    @Test
    void aReadOnlyKeysLongReportScrollsInOnePaneOnA700PixelScreenAndKeepsTheButtonsInView() throws Exception {
        openDialogAndTest(remote.key("readonly"));
        WaitForAsyncUtils.waitForFxEvents();
        javafx.stage.Stage w = (javafx.stage.Stage) dialog().getScene().getWindow();
        // A 700 px screen, then the room it leaves under the dialog's title bar.
        for (double height : new double[] {700, 660}) {
            robot.interact(() -> w.setHeight(height));
            WaitForAsyncUtils.waitForFxEvents();
            assertTrue(w.getHeight() <= height, "the connection dialog is " + w.getHeight() + " px tall");
            assertEquals(List.of(), dev.hoglink.support.Truncation.truncatedLabels(dialog()), "no text is cut");
            double bottom = w.getY() + w.getHeight();
            for (String id : new String[] {"#saveButton", "#testButton", "#cancelButton"}) {
                Node b = inDialog(id).query();
                assertTrue(FxLookup.onFx(() -> b.localToScreen(b.getBoundsInLocal()).getMaxY()) <= bottom + 0.5,
                        id + " is below the dialog's bottom edge at " + height + " px");
            }
            // One scroll: the pane of the rows above the buttons, the report inside it with no pane of its own.
            List<String> panes = FxLookup.onFx(() -> dialog().lookupAll(".scroll-pane").stream()
                    .filter(ConnectionFlowFxTest::showing).map(n -> String.valueOf(n.getId())).toList());
            assertEquals(List.of("formScroll"), panes, "scroll panes shown at " + height + " px");
            List<Node> bars = FxLookup.onFx(() -> dialog().lookupAll(".scroll-bar").stream()
                    .filter(n -> n instanceof javafx.scene.control.ScrollBar sb
                            && sb.getOrientation() == javafx.geometry.Orientation.VERTICAL && showing(n)).toList());
            assertEquals(1, bars.size(), "vertical scroll bars shown at " + height + " px: " + bars);
        }
        javafx.scene.control.ScrollPane scroll = inDialog("#formScroll").query();
        javafx.scene.layout.Region list = inDialog("#reportList").query();
        javafx.scene.layout.Region form = inDialog("#formBox").query();
        assertTrue(form.getHeight() > scroll.getViewportBounds().getHeight() + 1,
                "the long report makes the form taller than its pane, so this test reaches the scrolling case");
        // Scrolled to its end, the last line of the report shows whole inside the pane.
        robot.interact(() -> scroll.setVvalue(scroll.getVmax()));
        WaitForAsyncUtils.waitForFxEvents();
        Node last = list.getChildrenUnmodifiable().get(list.getChildrenUnmodifiable().size() - 1);
        javafx.geometry.Bounds lastOnScreen = FxLookup.onFx(() -> last.localToScreen(last.getBoundsInLocal()));
        javafx.geometry.Bounds paneOnScreen = FxLookup.onFx(() -> scroll.localToScreen(scroll.getBoundsInLocal()));
        assertTrue(lastOnScreen.getMaxY() <= paneOnScreen.getMaxY() + 1, lastOnScreen + " inside " + paneOnScreen);
    }

    /** Visible, as are all its parents. */
    private static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aSelfHostedConnectionNeverShowsTheSandboxBadgeOrBannerBesideItsRows() throws Exception {
        openDialogAndTest(remote.key("admin"));
        robot.clickOn(inDialog("#nameField").<javafx.scene.Node>query()).eraseText(40).write("Self hosted");
        Label badge = robot.lookup("#connectionBadge").query();
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        Node banner = robot.lookup("#welcomeBannerSlot").query();
        List<String> seen = new CopyOnWriteArrayList<>();
        // Every time the table's rows change from the save on, the badge and banner beside them are recorded.
        javafx.collections.ListChangeListener<Object> rows = c -> seen.add(badge.getText() + "|"
                + badge.getStyleClass().contains("accent") + "|" + banner.isVisible() + "|" + table.getItems().size());
        robot.interact(() -> {
            @SuppressWarnings("unchecked")
            javafx.collections.ObservableList<Object> items = (javafx.collections.ObservableList<Object>) table.getItems();
            items.addListener(rows);
        });
        robot.clickOn(inDialog("#saveButton").<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isEmpty());
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> "Self hosted".equals(badge.getText())
                && table.getItems().size() >= 20 && robot.lookup("#refreshButton").tryQuery()
                        .map(n -> !n.isDisabled()).orElse(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(badge.getStyleClass().contains("accent"), "the badge has the plain style of a real connection");
        assertFalse(banner.isVisible(), "no sandbox welcome banner beside a self-hosted connection");
        String main = allText(robot.lookup("#projectsTable").query().getScene().getRoot());
        assertFalse(main.lines().anyMatch(l -> l.equals("Sandbox")), "no Sandbox label in the main window: " + main);
        assertTrue(seen.stream().filter(r -> r.startsWith("Sandbox|")).allMatch(r -> r.startsWith("Sandbox|true|")),
                "while the badge said Sandbox it had the sandbox style: " + seen);
        // Once the badge names the self-hosted connection, no row change happens beside the sandbox banner.
        List<String> after = seen.stream().dropWhile(r -> r.startsWith("Sandbox|")).toList();
        assertTrue(after.stream().allMatch(r -> r.startsWith("Self hosted|false|false|")), seen.toString());
        assertFalse(after.isEmpty(), "the self-hosted rows arrived after the switch: " + seen);
    }

    @Test
    void aBadKeyGetsAPlainMessageCannotBeSavedAndNeverLeaks() throws Exception {
        openDialogAndTest(CANARY);
        assertTrue(headline().contains("did not accept this API key"), headline());
        assertTrue(inDialog("#saveButton").query().isDisabled());
        // Nothing on screen, in the log or in Hoglink's files carries the key.
        for (Window w : FxLookup.onFx(() -> List.copyOf(Window.getWindows()))) {
            assertFalse(allText(w.getScene().getRoot()).contains("CANARY"), "a dialog shows the key");
        }
        assertTrue(logLines.stream().noneMatch(l -> l.contains("CANARY")), String.join("\n", logLines));
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains("CANARY"), f + " holds the key");
            }
        }
    }

    @Test
    void aBadKeysMessageBoxEndsUnderItsAdviceWithNoEmptyReportArea() throws Exception {
        openDialogAndTest(CANARY);
        javafx.scene.layout.Region box = inDialog("#resultBox").query();
        Label advice = inDialog("#adviceLabel").query();
        Node list = inDialog("#reportList").query();
        WaitForAsyncUtils.waitForFxEvents();
        double[] gap = FxLookup.onFx(() -> {
            javafx.geometry.Bounds a = box.sceneToLocal(advice.localToScene(advice.getLayoutBounds()));
            return new double[] {box.getHeight() - box.getPadding().getBottom() - a.getMaxY()};
        });
        // No report lines for a refused key: the report area takes no room, the box ends under the advice.
        assertFalse(FxLookup.onFx(list::isManaged), "an empty report area still takes room");
        assertTrue(gap[0] < 2, "empty space under the advice: " + gap[0] + " px");
    }

    @Test
    void aBadKeyOnASelfHostedConnectionKeepsItsMessageAndButtonsOnA700PixelScreen() throws Exception {
        openDialogAndTest(CANARY);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.stage.Stage w = (javafx.stage.Stage) dialog().getScene().getWindow();
        // The room a 1024x700 screen leaves under the dialog's title bar.
        robot.interact(() -> w.setHeight(660));
        WaitForAsyncUtils.waitForFxEvents();
        double bottom = w.getY() + w.getHeight();
        for (String id : new String[] {"#saveButton", "#testButton", "#cancelButton"}) {
            Node b = inDialog(id).query();
            assertTrue(FxLookup.onFx(() -> b.localToScreen(b.getBoundsInLocal()).getMaxY()) <= bottom + 0.5,
                    id + " is below the dialog's bottom edge");
        }
        // The rows above give up their height by scrolling, and the pane scrolls by itself to the refusal: its
        // headline and advice show whole, with no scrolling by hand (they sat cut off under the pane's edge).
        javafx.scene.control.ScrollPane form = inDialog("#formScroll").query();
        Label advice = inDialog("#adviceLabel").query();
        Label refusal = inDialog("#headlineLabel").query();
        javafx.geometry.Bounds f = FxLookup.onFx(() -> form.localToScreen(form.getBoundsInLocal()));
        javafx.scene.layout.Region formBox = inDialog("#formBox").query();
        assertTrue(formBox.getHeight() > form.getViewportBounds().getHeight() + 1,
                "the form is taller than its pane, so this test reaches the scrolling case");
        for (Label l : List.of(refusal, advice)) {
            javafx.geometry.Bounds a = FxLookup.onFx(() -> l.localToScreen(l.getBoundsInLocal()));
            assertTrue(a.getMaxY() <= f.getMaxY() + 1 && a.getMinY() >= f.getMinY() - 1,
                    l.getId() + " " + a + " inside " + f);
        }
        // The keyboard going back to the name field (scrolled out above) brings it into view.
        Node name = inDialog("#nameField").query();
        robot.interact(name::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Bounds n = FxLookup.onFx(() -> name.localToScreen(name.getBoundsInLocal()));
        assertTrue(n.getMinY() >= f.getMinY() - 1 && n.getMaxY() <= f.getMaxY() + 1, n + " inside " + f);
    }

    @Test
    void theKeyHintWithoutAKeyringSaysMemoryForThisSessionOnlyNotTheKeyring() throws Exception {
        robot.clickOn("#welcomeConnectButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> FxLookup.onFx(() ->
                inDialog("#keyHelpLabel").<Label>query().getText()).contains("memory for this session only"));
        String hint = FxLookup.onFx(() -> inDialog("#keyHelpLabel").<Label>query().getText());
        assertTrue(hint.contains("never writes it to disk"), hint);
        assertFalse(hint.contains("keeps it only in your system keyring"), hint);
    }

    /**
     * A saved connection chosen without a keyring: the dialog said "no system keyring" twice, in the note above
     * the form and in the key's hint. The hint says it (and what Hoglink does instead); the note says why the
     * dialog opened.
     */
    @Test
    void aSavedConnectionChosenWithoutAKeyringSaysSoOnlyInTheKeysHint() throws Exception {
        new dev.hoglink.service.connection.ProfileStore(
                home.resolve("config").resolve(dev.hoglink.service.connection.ProfileStore.FILE_NAME),
                java.time.Clock.systemUTC()).add(dev.hoglink.service.connection.ConnectionProfile.of("Saved",
                dev.hoglink.service.PostHogHost.EU_CLOUD));
        javafx.scene.control.MenuButton menu = FxLookup.query(robot, "#connectionMenu");
        robot.clickOn(menu);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.scene.control.MenuItem saved = FxLookup.onFx(() -> menu.getItems().stream()
                .filter(i -> i.getText() != null && i.getText().startsWith("Saved  ·  ")).findFirst().orElseThrow());
        robot.interact(() -> {
            menu.hide();
            saved.fire();
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> FxLookup.onFx(() ->
                inDialog("#keyHelpLabel").<Label>query().getText()).contains("memory for this session only"));
        String note = FxLookup.onFx(() -> inDialog("#noteLabel").<Label>query().getText());
        assertEquals("The key of “Saved” could not be read on this computer. Paste its personal API key to connect.",
                note);
        String all = FxLookup.onFx(() -> allText(dialog())).toLowerCase(java.util.Locale.ROOT);
        assertEquals(1, all.split("keyring", -1).length - 1, "the keyring is named once: " + all);
    }

    @Test
    void theKeyHintWithAKeyringSaysTheKeyIsKeptOnlyThere() throws Exception {
        robot.clickOn("#welcomeConnectButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> FxLookup.onFx(() ->
                inDialog("#keyHelpLabel").<Label>query().getText()).contains("keeps it only in your system keyring"));
        String hint = FxLookup.onFx(() -> inDialog("#keyHelpLabel").<Label>query().getText());
        assertFalse(hint.contains("session only"), hint);
    }

    @Test
    void savingWithoutAKeyringOffersThisSessionOnlyAndWritesTheKeyNowhere() throws Exception {
        openDialogAndTest(remote.key("admin"));
        robot.clickOn(inDialog("#nameField").<javafx.scene.Node>query()).eraseText(40).write("No keyring");
        robot.clickOn(inDialog("#saveButton").<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Keep for this session").tryQuery().isPresent());
        assertTrue(robot.lookup(n -> n instanceof Labeled l && l.getText() != null
                && l.getText().contains("never writes keys to plain files")).tryQuery().isPresent());
        robot.clickOn("Keep for this session");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isEmpty());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#welcomeBanner").tryQuery().isEmpty());
        try (Stream<Path> files = Files.walk(home)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(f).contains(remote.key("admin")), f + " holds the key");
            }
        }
    }

    @Test
    void restartingAfterASessionOnlyConnectionWithoutAKeyringOpensTheSandboxNotADialog() throws Exception {
        openDialogAndTest(remote.key("admin"));
        robot.clickOn(inDialog("#nameField").<javafx.scene.Node>query()).eraseText(40).write("For now");
        robot.clickOn(inDialog("#saveButton").<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("Keep for this session").tryQuery().isPresent());
        robot.clickOn("Keep for this session");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "For now".equals(
                robot.lookup("#connectionBadge").<Label>query().getText()));

        FxToolkit.cleanupApplication(app);
        app = FxToolkit.setupApplication(TestApp.class);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Sandbox", robot.lookup("#connectionBadge").<Label>query().getText());
        assertTrue(robot.lookup("#keyField").tryQuery().isEmpty(), "no connection dialog at start");
    }

    @Test
    void aLastUsedConnectionWhoseKeyIsGoneOpensTheSandboxAndSaysHowToReconnect() throws Exception {
        openDialogAndTest(remote.key("admin"));
        robot.clickOn(inDialog("#nameField").<javafx.scene.Node>query()).eraseText(40).write("Lost key");
        robot.clickOn(inDialog("#saveButton").<javafx.scene.Node>query());
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Lost key".equals(
                robot.lookup("#connectionBadge").<Label>query().getText()));
        TestApp.KEYRING.delete("Lost key");

        FxToolkit.cleanupApplication(app);
        app = FxToolkit.setupApplication(TestApp.class);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("No key for “Lost key” is saved on this "
                + "computer, so Hoglink opened the sandbox. Choose “Lost key” in the Connection menu to paste it.")
                .tryQuery().isPresent());
        assertEquals("Sandbox", robot.lookup("#connectionBadge").<Label>query().getText());
        assertTrue(robot.lookup("#keyField").tryQuery().isEmpty(), "no connection dialog at start");
    }

    /** All label and button text under a node, except the key fields themselves. */
    private static String allText(Node root) {
        StringBuilder sb = new StringBuilder();
        collect(root, sb);
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n instanceof Labeled l) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof javafx.scene.Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, sb);
            }
        }
    }
}
