package dev.hoglink.ui.connect;

import dev.hoglink.AppContext;
import dev.hoglink.service.ConnectionProfile;
import dev.hoglink.service.ConnectionService;
import dev.hoglink.service.Credentials;
import dev.hoglink.service.ProfileStore;
import dev.hoglink.service.Session;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.theme.AppIcon;
import dev.hoglink.ui.theme.ThemeManager;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.Modality;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connections in the main window: the "Connection" menu (switch between the sandbox and saved profiles,
 * connect a new one, edit or remove the current one), the first-run welcome banner on the sandbox, and the
 * "paste a new key" path when PostHog refuses the key.
 */
public final class ConnectionsFeature {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionsFeature.class);

    /** What the composition root does when the user picks a connection. */
    public interface Switcher {
        /** Opens the sandbox (in the background) and makes it current. */
        void openSandbox();

        /** Opens a saved profile (reads its key off the UI thread) and makes it current. */
        void openProfile(ConnectionProfile profile);

        /** Makes an already opened session current (after the dialog saved it). */
        void use(Session session);
    }

    private final AppContext context;
    private final ProfileStore profiles;
    private final Credentials credentials;
    private final ConnectionService connections;
    private final ThemeManager theme;
    private final Switcher switcher;
    private final MenuButton menu = new MenuButton("Connection");
    private VBox banner;
    private boolean bannerDismissed;

    public ConnectionsFeature(AppContext context, ProfileStore profiles, Credentials credentials,
                              ConnectionService connections, ThemeManager theme, Switcher switcher) {
        this.context = context;
        this.profiles = profiles;
        this.credentials = credentials;
        this.connections = connections;
        this.theme = theme;
        this.switcher = switcher;
    }

    public static ConnectionsFeature install(AppContext context, ProfileStore profiles, Credentials credentials,
                                             ConnectionService connections, ThemeManager theme, Switcher switcher) {
        ConnectionsFeature f = new ConnectionsFeature(context, profiles, credentials, connections, theme, switcher);
        f.installMenu();
        f.installBanner();
        context.inventory().newKeyActionProperty().set(f::askForNewKey);
        return f;
    }

    private void installMenu() {
        menu.setId("connectionMenu");
        menu.setGraphic(AppIcon.CONNECTION.node());
        menu.setMnemonicParsing(true);
        menu.setText("Co_nnection");
        menu.setAccessibleText("Connection");
        menu.setTooltip(new Tooltip("Switch between the sandbox and your PostHog connections"));
        menu.setOnShowing(e -> rebuildMenu());
        rebuildMenu();
        context.inventoryView().addToolbarItem(menu);
    }

    private void rebuildMenu() {
        ToggleGroup group = new ToggleGroup();
        Optional<Session> current = context.session();
        menu.getItems().clear();
        RadioMenuItem sandbox = new RadioMenuItem("Sandbox (built-in, no account)");
        sandbox.setId("connectSandboxItem");
        sandbox.setToggleGroup(group);
        sandbox.setSelected(current.map(Session::sandbox).orElse(false));
        sandbox.setOnAction(e -> switcher.openSandbox());
        menu.getItems().add(sandbox);
        for (ConnectionProfile p : profiles.profiles()) {
            if (p.sandbox()) {
                continue;
            }
            RadioMenuItem item = new RadioMenuItem(p.name() + "  ·  " + p.host().displayName());
            item.setToggleGroup(group);
            item.setSelected(current.map(s -> !s.sandbox() && s.label().equalsIgnoreCase(p.name())).orElse(false));
            item.setOnAction(e -> switcher.openProfile(p));
            menu.getItems().add(item);
        }
        menu.getItems().add(new SeparatorMenuItem());
        MenuItem add = new MenuItem("Connect to PostHog…", AppIcon.ADD.node());
        add.setId("connectNewItem");
        add.setOnAction(e -> openDialog(Optional.empty(), null));
        menu.getItems().add(add);
        currentProfile().ifPresent(p -> {
            MenuItem edit = new MenuItem("Edit “" + p.name() + "”…");
            edit.setOnAction(e -> openDialog(Optional.of(p), null));
            MenuItem remove = new MenuItem("Remove “" + p.name() + "”…");
            remove.setOnAction(e -> remove(p));
            menu.getItems().addAll(edit, remove);
        });
    }

    private Optional<ConnectionProfile> currentProfile() {
        return context.session().filter(s -> !s.sandbox()).flatMap(s -> profiles.find(s.label()));
    }

    private void installBanner() {
        Label title = new Label("You are exploring the sandbox", AppIcon.SANDBOX.node());
        title.getStyleClass().add("title-4");
        Label text = new Label("A local stand-in for PostHog with a seeded organization, so you can try linking, "
                + "unlinking and the OAuth bootstrap safely. Nothing here touches a real PostHog or GitHub.");
        text.setWrapText(true);
        Button connect = new Button("Connect to PostHog…");
        connect.setId("welcomeConnectButton");
        connect.getStyleClass().add("accent");
        connect.setOnAction(e -> openDialog(Optional.empty(), null));
        Button dismiss = new Button("Dismiss");
        dismiss.setId("welcomeDismissButton");
        dismiss.setOnAction(e -> {
            bannerDismissed = true;
            updateBanner();
        });
        HBox buttons = new HBox(8, connect, dismiss);
        buttons.setAlignment(Pos.CENTER_LEFT);
        banner = new VBox(6, title, text, buttons);
        banner.setId("welcomeBanner");
        banner.getStyleClass().add("welcome-banner");
        HBox.setHgrow(banner, Priority.ALWAYS);
        context.sessionProperty().addListener((o, a, b) -> updateBanner());
        updateBanner();
    }

    /** The banner shows on the sandbox until the user saves a connection or dismisses it. */
    private void updateBanner() {
        boolean firstRun = profiles.profiles().stream().noneMatch(p -> !p.sandbox());
        boolean show = !bannerDismissed && firstRun && context.session().map(Session::sandbox).orElse(false);
        var slot = context.inventoryView().welcomeBannerSlot().getChildren();
        if (show) {
            slot.setAll(banner);
        } else {
            slot.remove(banner);
        }
    }

    private void askForNewKey() {
        Optional<ConnectionProfile> p = currentProfile();
        openDialog(p, p.isPresent() ? "PostHog refused the saved key. Paste a new personal API key for “"
                + p.get().name() + "”." : null);
    }

    /** Opens the connection dialog, for a new profile or to edit one; {@code note} explains why it opened. */
    public void openDialog(Optional<ConnectionProfile> editing, String note) {
        ConnectionDialogViewModel vm = new ConnectionDialogViewModel(connections, profiles, credentials,
                context.runner(), context.dialogs(), editing);
        Consumer<Session> onSaved = s -> {
            switcher.use(s);
            bannerDismissed = true;
            updateBanner();
            context.dialogs().notify("Connected to " + s.host().displayName() + " as “" + s.label() + "”.",
                    DialogService.Notice.SUCCESS);
        };
        ControllerFactory controllers = new ControllerFactory()
                .register(ConnectionDialogView.class, () -> new ConnectionDialogView(vm, onSaved));
        ViewLoader.Loaded<ConnectionDialogView> loaded = new ViewLoader(controllers).load(ConnectionDialogView.class);
        editing.ifPresent(p -> loaded.controller().setTitle("Edit connection “" + p.name() + "”"));
        Stage stage = new Stage();
        stage.initOwner(context.owner().get());
        stage.initModality(Modality.WINDOW_MODAL);
        stage.setTitle(editing.isPresent() ? "Edit connection" : "Connect to PostHog");
        Scene scene = new Scene(loaded.root());
        theme.register(scene);
        stage.setScene(scene);
        if (note != null) {
            vm.noteProperty().set(note);
        }
        stage.setOnShown(e -> loaded.controller().focusFirstField());
        stage.show();
    }

    private void remove(ConnectionProfile p) {
        if (!context.dialogs().confirm("Remove connection",
                "Remove “" + p.name() + "” and delete its key from the system keyring? Hoglink switches to the sandbox.",
                "Remove")) {
            return;
        }
        context.runner().run(() -> {
            credentials.forget(p.name());
            profiles.remove(p.name());
            return Boolean.TRUE;
        }).onSuccess(ok -> {
            switcher.openSandbox();
            context.dialogs().notify("Removed “" + p.name() + "”.", DialogService.Notice.INFO);
        }).onFailure(e -> {
            LOGGER.warn("Removing profile failed", e);
            context.dialogs().error("Cannot remove the connection", e.getMessage(), e);
        });
    }

    public MenuButton menu() {
        return menu;
    }
}
