package dev.hoglink.ui.main;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import dev.hoglink.model.Organization;
import dev.hoglink.ui.common.DisplayConverter;
import dev.hoglink.ui.common.HoverTip;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.theme.AppIcon;
import dev.hoglink.ui.theme.ThemeManager;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.ToggleButton;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import javafx.collections.ObservableList;

import dev.hoglink.ui.connect.ConnectionChoice;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectDetailView;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.inventory.ProjectsTableViewModel;
import dev.hoglink.ui.inventory.ProjectsTableView;
import java.util.List;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.ToggleGroup;

/**
 * The main window ({@code MainWindow.fxml}): the frame of the inventory. Its FXML owns the toolbar (the
 * organization, the Connection menu, "Link N projects…", Audit, refresh, theme), the filter bar, the welcome
 * and problem banners, the split between the projects table and the project detail pane (each its own view,
 * included) and the status bar. Buttons, menus and shortcuts call the {@link MainActions} feature commands.
 */
public final class MainWindowView {

    public static final String SPLIT_ID = "mainSplit";
    /** Ctrl+Shift+A opens the audit. */
    public static final KeyCombination AUDIT_SHORTCUT =
            new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);
    /** Ctrl+Shift+O starts the OAuth bootstrap for the selected project. */
    public static final KeyCombination OAUTH_SHORTCUT =
            new KeyCodeCombination(KeyCode.O, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final InventoryViewModel vm;
    private final ThemeManager theme;
    private final MainActions actions;
    private Timeline freshnessTimer;

    @FXML private ComboBox<Organization> organizationPicker;
    @FXML private Label organizationLabel;
    @FXML private Label connectionBadge;
    @FXML private CustomTextField searchField;
    @FXML private ToggleButton connectedChip;
    @FXML private ToggleButton notConnectedChip;
    @FXML private ToggleButton sharedChip;
    @FXML private ToggleButton problemsChip;
    @FXML private javafx.scene.control.ToolBar toolBar;
    @FXML private MenuButton connectionMenu;
    @FXML private Label signedInLabel;
    @FXML private Button bulkLinkButton;
    @FXML private Button undoLinkButton;
    @FXML private Button auditButton;
    @FXML private Button refreshButton;
    @FXML private Button themeButton;
    private HoverTip badgeTip;
    private HoverTip themeTip;
    @FXML private StackPane welcomeBannerSlot;
    @FXML private Label welcomeTitle;
    @FXML private HBox problemBanner;
    @FXML private Label problemIcon;
    @FXML private Label problemTitle;
    @FXML private Label problemText;
    @FXML private Button newKeyButton;
    @FXML private Hyperlink retryFailedLink;
    @FXML private Button bannerRetryButton;
    @FXML private Label matchCountLabel;
    @FXML private StackPane contentStack;
    @FXML private SplitPane mainSplit;
    @FXML private ProjectsTableView projectsTableController;
    @FXML private ProjectDetailView detailScrollController;
    @FXML private HBox statusBar;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label freshnessLabel;

    public MainWindowView(InventoryViewModel vm, ThemeManager theme, MainActions actions) {
        this.vm = Objects.requireNonNull(vm);
        this.theme = Objects.requireNonNull(theme);
        this.actions = Objects.requireNonNull(actions);
    }

    @FXML
    private void initialize() {
        mainSplit.setId(SPLIT_ID);
        dev.hoglink.ui.common.TableLayouts.keepDividers(mainSplit);
        bindToolbar();
        bindCommands();
        bindBanner();
        bindStatusBar();
        projectsTableController.setOnOpenDetails(detailScrollController::focusFirst);
        projectsTableController.setNextSteps(actions::connectNew, actions::openSandbox);
        mainSplit.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
            }
        });
        freshnessTimer = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        freshnessTimer.setCycleCount(Timeline.INDEFINITE);
        freshnessTimer.play();
    }

    // ---- public seams ------------------------------------------------------------------------------------

    public InventoryViewModel viewModel() {
        return vm;
    }

    /** The layer above the content, for in-window notifications. */
    public StackPane overlay() {
        return contentStack;
    }

    /** The projects table's view. */
    public ProjectsTableView table() {
        return projectsTableController;
    }

    /** Whether the projects table has laid out at least one project row (the start-up probe asks). */
    public boolean showsProjectRows() {
        return projectsTableController.showsProjectRows();
    }

    /** Restores divider and column layout from preferences. */
    public void restoreLayout(UiPreferences prefs) {
        projectsTableController.restoreLayout(prefs);
        dev.hoglink.ui.common.TableLayouts.restore(mainSplit, prefs.dividers.get(SPLIT_ID));
    }

    /** Writes divider and column layout into preferences. */
    public void captureLayout(UiPreferences prefs) {
        projectsTableController.captureLayout(prefs);
        prefs.dividers.put(SPLIT_ID, dev.hoglink.ui.common.TableLayouts.wantedDividers(mainSplit));
    }

    /** The text the empty table shows (for tests). */
    public String placeholderText() {
        return projectsTableController.placeholderText();
    }

    public void dispose() {
        freshnessTimer.stop();
    }

    // ---- feature commands --------------------------------------------------------------------------------

    private void bindCommands() {
        connectionMenu.setGraphic(AppIcon.CONNECTION.node());
        rebuildConnectionMenu();
        ObservableList<ProjectRowViewModel> selection = vm.table().selectedRows();
        bulkLinkButton.setGraphic(AppIcon.LINK.node());
        bulkLinkButton.textProperty().bind(Bindings.createStringBinding(
                () -> selection.size() >= 2 ? "Link " + selection.size() + " projects…" : "Link projects…", selection));
        // The dialog also offers every project in the filter and every one not connected: a loaded list suffices.
        bulkLinkButton.disableProperty().bind(Bindings.isEmpty(vm.rows()).or(Bindings.createBooleanBinding(
                () -> !vm.permissions().capabilities().anyWrite().allowed(), vm.permissions().capabilitiesProperty())));
        // The label ("Undo link of Checkout") names what the undo unlinks: in the tip and for screen readers, while
        // the button itself stays short enough for the toolbar at 1024 pixels.
        undoLinkButton.accessibleTextProperty().bind(actions.undoLastLinkLabelProperty());
        HoverTip.on(undoLinkButton).bind(Bindings.createStringBinding(() -> {
            String label = actions.undoLastLinkLabelProperty().get();
            return label == null || label.isEmpty() ? null : label + ": unlinks exactly what the last link of this "
                    + "session linked, with the usual unlink warnings";
        }, actions.undoLastLinkLabelProperty()));
        undoLinkButton.visibleProperty().bind(actions.undoLastLinkLabelProperty().isNotEmpty());
        undoLinkButton.managedProperty().bind(undoLinkButton.visibleProperty());
        auditButton.setGraphic(AppIcon.AUDIT.node());
        auditButton.disableProperty().bind(vm.selectedOrganizationProperty().isNull());
    }

    /** Fills the Connection menu from the connections feature's choices (each time it opens). */
    @FXML
    private void rebuildConnectionMenu() {
        ToggleGroup group = new ToggleGroup();
        java.util.Map<String, javafx.scene.control.Menu> submenus = new java.util.HashMap<>();
        java.util.Map<String, ToggleGroup> subgroups = new java.util.HashMap<>();
        connectionMenu.getItems().clear();
        for (ConnectionChoice c : actions.connectionChoices()) {
            ToggleGroup g = c.submenu() == null ? group : subgroups.computeIfAbsent(c.submenu(), k -> new ToggleGroup());
            MenuItem item = switch (c.kind()) {
                case SEPARATOR -> new SeparatorMenuItem();
                case CONNECTION -> {
                    RadioMenuItem r = new RadioMenuItem(c.text());
                    r.setToggleGroup(g);
                    r.setSelected(c.selected());
                    yield r;
                }
                case TOGGLE -> {
                    javafx.scene.control.CheckMenuItem t = new javafx.scene.control.CheckMenuItem(c.text());
                    t.setSelected(c.selected());
                    yield t;
                }
                case ACTION -> new MenuItem(c.text(), "connectNewItem".equals(c.id()) ? AppIcon.ADD.node() : null);
            };
            if (c.id() != null) {
                item.setId(c.id());
            }
            item.setOnAction(e -> c.action().run());
            if (c.submenu() == null) {
                connectionMenu.getItems().add(item);
            } else {
                submenus.computeIfAbsent(c.submenu(), name -> {
                    javafx.scene.control.Menu m = new javafx.scene.control.Menu(name);
                    connectionMenu.getItems().add(m);
                    return m;
                }).getItems().add(item);
            }
        }
    }

    @FXML
    private void linkSelected() {
        if (!bulkLinkButton.isDisabled()) { // a loaded list, and a key that may write
            actions.linkProjects(List.copyOf(vm.table().selectedRows()));
        }
    }

    @FXML
    private void undoLastLink() {
        actions.undoLastLink();
    }

    @FXML
    private void openAudit() {
        if (vm.selectedOrganizationProperty().get() != null) {
            actions.openAudit();
        }
    }

    @FXML
    private void connectNew() {
        actions.connectNew();
    }

    @FXML
    private void dismissWelcome() {
        actions.dismissWelcome();
    }

    // ---- toolbar -----------------------------------------------------------------------------------------

    private void bindToolbar() {
        organizationLabel.setLabelFor(organizationPicker);
        organizationPicker.setItems(vm.organizations());
        organizationPicker.valueProperty().bindBidirectional(vm.selectedOrganizationProperty());
        organizationPicker.setConverter(DisplayConverter.of(Organization::name));
        organizationPicker.disableProperty().bind(vm.connectedProperty().not());
        // Short enough for the picker's width beside its "Organization" label: "Choose an orga…" was cut. Not
        // "Not connected", a project's state word (no GitHub integration).
        organizationPicker.promptTextProperty().bind(javafx.beans.binding.Bindings.when(vm.connectedProperty())
                .then("Choose one").otherwise("No connection"));

        connectionBadge.textProperty().bind(vm.connectionLabelProperty());
        signedInLabel.textProperty().bind(vm.signedInText());
        HoverTip.on(signedInLabel).bind(vm.signedInText());
        connectionBadge.visibleProperty().bind(vm.connectionLabelProperty().isNotEmpty());
        connectionBadge.managedProperty().bind(connectionBadge.visibleProperty());
        connectionBadge.graphicProperty().bind(Bindings.createObjectBinding(
                () -> (vm.sandboxProperty().get() ? AppIcon.SANDBOX : AppIcon.KEY).node(), vm.sandboxProperty()));
        vm.sandboxProperty().addListener((o, a, b) -> styleBadge());
        styleBadge();

        searchField.setLeft(AppIcon.SEARCH.node());
        searchField.disableProperty().bind(vm.connectedProperty().not());
        for (ToggleButton chip : new ToggleButton[] {connectedChip, notConnectedChip, sharedChip, problemsChip}) {
            chip.disableProperty().bind(vm.connectedProperty().not());
        }
        searchField.textProperty().bindBidirectional(vm.table().searchTextProperty());
        HoverTip.on(searchField).setText("Search (Ctrl+F); Esc clears");
        searchField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.table().searchTextProperty().set("");
                projectsTableController.focusTable();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                projectsTableController.focusTable();
                e.consume();
            }
        });

        chip(connectedChip, vm.table().chipConnectedProperty(), AppIcon.CONNECTED, "Connected projects");
        chip(notConnectedChip, vm.table().chipNotConnectedProperty(), AppIcon.NOT_CONNECTED, "Projects without GitHub");
        chip(sharedChip, vm.table().chipSharedProperty(), AppIcon.SHARED, dev.hoglink.model.Sharing.filterTip());
        chip(problemsChip, vm.table().chipProblemsProperty(), AppIcon.LOAD_FAILED,
                ProjectsTableViewModel.problemsChipTip());

        iconButton(refreshButton, AppIcon.REFRESH);
        refreshButton.disableProperty().bind(vm.connectedProperty().not());
        iconButton(themeButton, AppIcon.THEME_DARK);
        theme.themeProperty().addListener((o, a, b) -> styleThemeButton());
        styleThemeButton();
    }

    private void styleBadge() {
        connectionBadge.getStyleClass().removeAll(Styles.ACCENT, "neutral");
        connectionBadge.getStyleClass().add(vm.sandboxProperty().get() ? Styles.ACCENT : "neutral");
        if (badgeTip == null) {
            badgeTip = HoverTip.on(connectionBadge);
        }
        badgeTip.setText(vm.sandboxProperty().get()
                ? "Connected to the built-in sandbox: sample data, nothing real changes"
                : "Connected to " + vm.host());
    }

    private void styleThemeButton() {
        boolean dark = theme.theme() == ThemeManager.Theme.DARK;
        String text = dark ? "Switch to light theme" : "Switch to dark theme";
        themeButton.setGraphic((dark ? AppIcon.THEME_LIGHT : AppIcon.THEME_DARK).node());
        themeButton.setAccessibleText(text);
        if (themeTip == null) {
            themeTip = HoverTip.on(themeButton);
        }
        themeTip.setText(text);
    }

    private static void chip(ToggleButton b, javafx.beans.property.BooleanProperty p, AppIcon icon, String tip) {
        b.setGraphic(icon.node());
        b.selectedProperty().bindBidirectional(p);
        HoverTip.on(b).wrapAt(420).setText(tip);
        b.setFocusTraversable(true);
    }

    private static void iconButton(Button b, AppIcon icon) {
        b.setGraphic(icon.node());
        b.getStyleClass().addAll(Styles.BUTTON_ICON, Styles.FLAT);
        b.setFocusTraversable(true);
    }

    // ---- banner ------------------------------------------------------------------------------------------

    private void bindBanner() {
        problemTitle.textProperty().bind(vm.bannerTitleProperty());
        problemText.textProperty().bind(vm.bannerTextProperty());
        problemBanner.visibleProperty().bind(vm.bannerTitleProperty().isNotEmpty());
        problemBanner.managedProperty().bind(problemBanner.visibleProperty());
        problemIcon.setGraphic(AppIcon.ERROR.node());
        newKeyButton.visibleProperty().bind(vm.needsNewKeyProperty().or(vm.missingScopeProperty().isNotNull()));
        newKeyButton.managedProperty().bind(newKeyButton.visibleProperty());
        newKeyButton.getStyleClass().add(Styles.DANGER);
        // A failed refresh's banner offers F5 as a button too, so Tab reaches it and a reader of the banner sees it.
        bannerRetryButton.visibleProperty().bind(vm.bannerOffersRetryProperty());
        bannerRetryButton.managedProperty().bind(bannerRetryButton.visibleProperty());
        bannerRetryButton.setFocusTraversable(true);
        retryFailedLink.visibleProperty().bind(vm.failedCountProperty().greaterThan(0).and(vm.busyProperty().not()));
        retryFailedLink.managedProperty().bind(retryFailedLink.visibleProperty());
        matchCountLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.rows().isEmpty()
                        || vm.table().visibleRows().size() == vm.rows().size() ? ""
                        : "Showing " + vm.table().visibleRows().size() + " of " + vm.rows().size(),
                vm.rows(), vm.table().visibleRows()));
        welcomeTitle.setGraphic(AppIcon.SANDBOX.node());
        // The banner leaves the scene while it is not shown, so it costs nothing and nothing finds it.
        Node banner = welcomeBannerSlot.getChildren().get(0);
        javafx.beans.value.ChangeListener<Boolean> follow = (o, was, show) -> {
            if (show) {
                welcomeBannerSlot.getChildren().setAll(banner);
            } else {
                welcomeBannerSlot.getChildren().clear();
            }
        };
        actions.welcomeShownProperty().addListener(follow);
        follow.changed(null, null, actions.welcomeShownProperty().get());
        welcomeBannerSlot.visibleProperty().bind(actions.welcomeShownProperty());
        welcomeBannerSlot.managedProperty().bind(welcomeBannerSlot.visibleProperty());
    }

    // ---- status bar --------------------------------------------------------------------------------------

    private void bindStatusBar() {
        progressBar.progressProperty().bind(Bindings.createDoubleBinding(() -> {
            int total = vm.totalProperty().get();
            if (!vm.busyProperty().get()) {
                return 1.0;
            }
            return total == 0 ? ProgressBar.INDETERMINATE_PROGRESS : (double) vm.doneProperty().get() / total;
        }, vm.doneProperty(), vm.totalProperty(), vm.busyProperty()));
        progressBar.visibleProperty().bind(vm.busyProperty());
        progressBar.managedProperty().bind(progressBar.visibleProperty());
        progressLabel.textProperty().bind(vm.statusTextProperty());
        freshnessLabel.textProperty().bind(vm.freshnessTextProperty());
        freshnessLabel.graphicProperty().bind(Bindings.createObjectBinding(
                () -> vm.freshnessTextProperty().get().isEmpty() ? null : AppIcon.CLOCK.node(), vm.freshnessTextProperty()));
    }

    // ---- keyboard and actions ----------------------------------------------------------------------------

    private void installShortcuts(Scene scene) {
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F, KeyCombination.SHORTCUT_DOWN), this::focusSearch);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), vm::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.R, KeyCombination.SHORTCUT_DOWN), vm::refresh);
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN), () -> {
            ProjectRowViewModel row = vm.selectedRowProperty().get();
            if (row != null && vm.canLink().get()) { // the capabilities decide, as for the button
                actions.link(row);
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), this::linkSelected);
        scene.getAccelerators().put(AUDIT_SHORTCUT, this::openAudit);
        scene.getAccelerators().put(OAUTH_SHORTCUT, () -> {
            ProjectRowViewModel row = vm.selectedRowProperty().get();
            if (row != null && vm.canStartOAuth().get()) {
                actions.startOAuth(row);
            }
        });
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.Q, KeyCombination.SHORTCUT_DOWN), actions::quit);
    }

    /** Ctrl+F. */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    @FXML
    private void refresh() {
        vm.refresh();
    }

    @FXML
    private void toggleTheme() {
        theme.toggle();
    }

    @FXML
    private void requestNewKey() {
        actions.askForNewKey();
    }

    @FXML
    private void retryFailed() {
        vm.retryFailed();
    }
}
