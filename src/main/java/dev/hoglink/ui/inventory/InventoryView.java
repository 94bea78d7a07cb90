package dev.hoglink.ui.inventory;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.ProjectState;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Repository;
import dev.hoglink.ui.common.TableLayouts;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.theme.AppIcon;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/**
 * The inventory window's view ({@code Inventory.fxml}): binds controls to the {@link InventoryViewModel}
 * and forwards user events. No loading, validation or HTTP here.
 */
public final class InventoryView {

    static final String TABLE_ID = "projectsTable";
    static final String SPLIT_ID = "mainSplit";
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final InventoryViewModel vm;
    private final ThemeManager theme;
    private final ZoneId zone;
    private Timeline freshnessTimer;
    private ProjectRowViewModel listenedRow;
    private Label placeholderLabel;
    private final javafx.beans.InvalidationListener rowStatusListener = o -> {
        if (listenedRow != null) {
            showRowError(listenedRow);
        }
    };

    @FXML private ComboBox<Organization> organizationPicker;
    @FXML private Label organizationLabel;
    @FXML private Label connectionBadge;
    @FXML private CustomTextField searchField;
    @FXML private ToggleButton connectedChip;
    @FXML private ToggleButton notConnectedChip;
    @FXML private ToggleButton sharedChip;
    @FXML private ToggleButton problemsChip;
    @FXML private javafx.scene.control.ToolBar toolBar;
    @FXML private Button refreshButton;
    @FXML private Button themeButton;
    @FXML private StackPane welcomeBannerSlot;
    @FXML private HBox problemBanner;
    @FXML private Label problemIcon;
    @FXML private Label problemTitle;
    @FXML private Label problemText;
    @FXML private Button newKeyButton;
    @FXML private Hyperlink retryFailedLink;
    @FXML private Label matchCountLabel;
    @FXML private StackPane contentStack;
    @FXML private SplitPane mainSplit;
    @FXML private TableView<ProjectRowViewModel> projectsTable;
    @FXML private TableColumn<ProjectRowViewModel, ProjectRowViewModel> projectColumn;
    @FXML private TableColumn<ProjectRowViewModel, StatusCell> statusColumn;
    @FXML private TableColumn<ProjectRowViewModel, GitHubLink> accountColumn;
    @FXML private TableColumn<ProjectRowViewModel, String> installationColumn;
    @FXML private TableColumn<ProjectRowViewModel, ReposCell> reposColumn;
    @FXML private TableColumn<ProjectRowViewModel, Integer> sharedColumn;
    @FXML private TableColumn<ProjectRowViewModel, GitHubLink> createdColumn;
    @FXML private VBox detailPane;
    @FXML private javafx.scene.control.ScrollPane detailScroll;
    @FXML private VBox detailEmpty;
    @FXML private Label detailEmptyIcon;
    @FXML private VBox detailContent;
    @FXML private Label detailTitle;
    @FXML private Label detailSubtitle;
    @FXML private Button linkButton;
    @FXML private Button oauthButton;
    @FXML private Button unlinkButton;
    @FXML private HBox rowErrorBox;
    @FXML private Label rowErrorLabel;
    @FXML private Button retryRowButton;
    @FXML private VBox linksBox;
    @FXML private ComboBox<GitHubLink> linkChoice;
    @FXML private CustomTextField repoSearchField;
    @FXML private TableView<Repository> reposTable;
    @FXML private TableColumn<Repository, Repository> repoNameColumn;
    @FXML private TableColumn<Repository, String> repoBranchColumn;
    @FXML private TableColumn<Repository, Instant> repoPushedColumn;
    @FXML private Label reposMessage;
    @FXML private Button loadMoreButton;
    @FXML private TableView<InstallationOption> installationsTable;
    @FXML private TableColumn<InstallationOption, InstallationOption> optionAccountColumn;
    @FXML private TableColumn<InstallationOption, String> optionInstallationColumn;
    @FXML private TableColumn<InstallationOption, String> optionSourceColumn;
    @FXML private Label installationsMessage;
    @FXML private HBox statusBar;
    @FXML private ProgressBar progressBar;
    @FXML private Label progressLabel;
    @FXML private Label freshnessLabel;

    public InventoryView(InventoryViewModel vm, ThemeManager theme, ZoneId zone) {
        this.vm = Objects.requireNonNull(vm);
        this.theme = Objects.requireNonNull(theme);
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        bindToolbar();
        bindBanner();
        bindProjectsTable();
        bindDetail();
        bindStatusBar();
        projectsTable.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                installShortcuts(scene);
                scene.focusOwnerProperty().addListener((fo, was, now) -> scrollDetailTo(now));
            }
        });
        freshnessTimer = new Timeline(new KeyFrame(Duration.seconds(30), e -> vm.updateFreshness()));
        freshnessTimer.setCycleCount(Timeline.INDEFINITE);
        freshnessTimer.play();
    }

    // ---- public seams ------------------------------------------------------------------------------------

    public InventoryViewModel viewModel() {
        return vm;
    }

    /** Where the connections feature puts its welcome banner; the slot shows only while it has a child. */
    public StackPane welcomeBannerSlot() {
        return welcomeBannerSlot;
    }

    /** The layer above the content, for in-window notifications. */
    /**
     * Adds a feature's control to the main toolbar, just before the refresh button (after the connection
     * badge), so features (audit, connections) plug in without editing the FXML.
     */
    public void addToolbarItem(javafx.scene.Node item) {
        int at = toolBar.getItems().indexOf(refreshButton);
        toolBar.getItems().add(at < 0 ? toolBar.getItems().size() : at, item);
    }

    /** The projects selected in the table (several with Ctrl/Shift), for bulk actions. */
    public javafx.collections.ObservableList<ProjectRowViewModel> selectedRows() {
        return projectsTable.getSelectionModel().getSelectedItems();
    }

    public StackPane overlay() {
        return contentStack;
    }

    /** Keyboard focus moving to a control of the detail below (or above) its viewport scrolls it into view. */
    private void scrollDetailTo(Node focused) {
        Node n = focused;
        while (n != null && n != detailPane) {
            n = n.getParent();
        }
        if (n == null) {
            return;
        }
        double content = detailPane.getLayoutBounds().getHeight();
        double view = detailScroll.getViewportBounds().getHeight();
        if (content <= view) {
            return;
        }
        javafx.geometry.Bounds b = detailPane.sceneToLocal(focused.localToScene(focused.getLayoutBounds()));
        double top = detailScroll.getVvalue() * (content - view);
        if (b.getMinY() < top) {
            detailScroll.setVvalue(b.getMinY() / (content - view));
        } else if (b.getMaxY() > top + view) {
            detailScroll.setVvalue(Math.min(1, (b.getMaxY() - view) / (content - view)));
        }
    }

    /** Whether the projects table has laid out at least one project row (the start-up probe asks). */
    public boolean showsProjectRows() {
        return projectsTable.lookupAll(".table-row-cell").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableRow<?> r && r.isVisible() && !r.isEmpty());
    }

    /** Restores divider and column layout from preferences. */
    public void restoreLayout(UiPreferences prefs) {
        TableLayouts.restore(projectsTable, prefs.columns.get(TABLE_ID));
        TableLayouts.restore(mainSplit, prefs.dividers.get(SPLIT_ID));
    }

    /** Writes divider and column layout into preferences. */
    public void captureLayout(UiPreferences prefs) {
        prefs.columns.put(TABLE_ID, TableLayouts.capture(projectsTable));
        prefs.dividers.put(SPLIT_ID, mainSplit.getDividerPositions());
    }

    /** The text the empty table shows (for tests). */
    public String placeholderText() {
        return placeholderLabel.getText();
    }

    public void dispose() {
        freshnessTimer.stop();
    }

    // ---- toolbar -----------------------------------------------------------------------------------------

    private void bindToolbar() {
        organizationLabel.setLabelFor(organizationPicker);
        organizationPicker.setItems(vm.organizations());
        organizationPicker.valueProperty().bindBidirectional(vm.selectedOrganizationProperty());
        organizationPicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(Organization o) {
                return o == null ? "" : o.name();
            }

            @Override
            public Organization fromString(String s) {
                return null;
            }
        });
        organizationPicker.disableProperty().bind(vm.connectedProperty().not());

        connectionBadge.textProperty().bind(vm.connectionLabelProperty());
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
        searchField.textProperty().bindBidirectional(vm.searchTextProperty());
        searchField.setTooltip(new Tooltip("Search (Ctrl+F); Esc clears"));
        searchField.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ESCAPE) {
                vm.searchTextProperty().set("");
                projectsTable.requestFocus();
                e.consume();
            } else if (e.getCode() == KeyCode.DOWN || e.getCode() == KeyCode.ENTER) {
                focusTable();
                e.consume();
            }
        });

        chip(connectedChip, vm.chipConnectedProperty(), AppIcon.CONNECTED, "Connected projects");
        chip(notConnectedChip, vm.chipNotConnectedProperty(), AppIcon.NOT_CONNECTED, "Projects without GitHub");
        chip(sharedChip, vm.chipSharedProperty(), AppIcon.SHARED, "Projects whose installation is used elsewhere too");
        chip(problemsChip, vm.chipProblemsProperty(), AppIcon.LOAD_FAILED, "Unavailable installations, token errors and rows that failed to load");

        iconButton(refreshButton, AppIcon.REFRESH);
        refreshButton.disableProperty().bind(vm.connectedProperty().not());
        iconButton(themeButton, AppIcon.THEME_DARK);
        theme.themeProperty().addListener((o, a, b) -> styleThemeButton());
        styleThemeButton();
    }

    private void styleBadge() {
        connectionBadge.getStyleClass().removeAll(Styles.ACCENT, "neutral");
        connectionBadge.getStyleClass().add(vm.sandboxProperty().get() ? Styles.ACCENT : "neutral");
        connectionBadge.setTooltip(new Tooltip(vm.sandboxProperty().get()
                ? "Connected to the built-in sandbox: sample data, nothing real changes"
                : "Connected to " + vm.host()));
    }

    private void styleThemeButton() {
        boolean dark = theme.theme() == ThemeManager.Theme.DARK;
        String text = dark ? "Switch to light theme" : "Switch to dark theme";
        themeButton.setGraphic((dark ? AppIcon.THEME_LIGHT : AppIcon.THEME_DARK).node());
        themeButton.setAccessibleText(text);
        themeButton.setTooltip(new Tooltip(text));
    }

    private static void chip(ToggleButton b, javafx.beans.property.BooleanProperty p, AppIcon icon, String tip) {
        b.setGraphic(icon.node());
        b.selectedProperty().bindBidirectional(p);
        b.setTooltip(new Tooltip(tip));
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
        newKeyButton.disableProperty().bind(vm.newKeyActionProperty().isNull());
        newKeyButton.getStyleClass().add(Styles.DANGER);
        retryFailedLink.visibleProperty().bind(vm.failedCountProperty().greaterThan(0).and(vm.busyProperty().not()));
        retryFailedLink.managedProperty().bind(retryFailedLink.visibleProperty());
        matchCountLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.rows().isEmpty()
                        || vm.visibleRows().size() == vm.rows().size() ? ""
                        : "Showing " + vm.visibleRows().size() + " of " + vm.rows().size(),
                vm.rows(), vm.visibleRows()));
        welcomeBannerSlot.visibleProperty().bind(Bindings.isNotEmpty(welcomeBannerSlot.getChildren()));
        welcomeBannerSlot.managedProperty().bind(welcomeBannerSlot.visibleProperty());
    }

    // ---- projects table ----------------------------------------------------------------------------------

    private void bindProjectsTable() {
        projectsTable.setId(TABLE_ID);
        mainSplit.setId(SPLIT_ID);
        projectsTable.setItems(vm.visibleRows());
        vm.visibleRows().comparatorProperty().bind(projectsTable.comparatorProperty());
        projectsTable.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        projectsTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.placeholderTextProperty());
        placeholder.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TITLE_4);
        placeholder.graphicProperty().bind(Bindings.createObjectBinding(
                () -> vm.connectedProperty().get() ? null : AppIcon.NO_CONNECTION.node("placeholder-icon"),
                vm.connectedProperty()));
        placeholder.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
        Label hint = new Label("Connect to PostHog, or open the built-in sandbox, to see your organization's projects.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMaxWidth(360);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        hint.visibleProperty().bind(vm.connectedProperty().not());
        hint.managedProperty().bind(hint.visibleProperty());
        VBox placeholderBox = new VBox(6, placeholder, hint);
        placeholderBox.setAlignment(Pos.CENTER);
        placeholderBox.setId("tablePlaceholder");
        projectsTable.setPlaceholder(placeholderBox);
        placeholderLabel = placeholder;

        projectColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        projectColumn.setComparator(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)));
        // Cells keep their nodes and only change their text: a 2,000-row load updates visible rows many times
        // a second, and new nodes on every update (each with its CSS pass) stalled the FX thread.
        // The name is the cell's own text and the id its graphic: one node more per row instead of a box and
        // two labels, which the first frame with rows (and every scroll) would style and lay out.
        projectColumn.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.text.Text id = new javafx.scene.text.Text();

            {
                getStyleClass().add("project-cell");
                id.getStyleClass().add("project-id");
                setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                setGraphicTextGap(6);
            }

            @Override
            protected void updateItem(ProjectRowViewModel row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                setText(row.name());
                id.setText("#" + row.id());
                setGraphic(id);
                setAccessibleText(row.name() + ", id " + row.id());
            }
        });

        statusColumn.setCellValueFactory(c -> statusOf(c.getValue()));
        statusColumn.setComparator(Comparator.comparing(StatusCell::state).thenComparing(StatusCell::detail));
        statusColumn.setCellFactory(col -> new StatusTableCell());

        accountColumn.setCellValueFactory(c -> linkOf(c.getValue()));
        accountColumn.setComparator(Comparator.nullsLast(Comparator.comparing(
                (GitHubLink l) -> Objects.toString(l.accountName(), "").toLowerCase(Locale.ROOT))));
        accountColumn.setCellFactory(col -> new TableCell<>() {
            private final Label name = new Label();
            private final Label type = new Label();
            private final HBox box = new HBox(6, name, type);
            private final java.util.Map<AccountType, javafx.scene.Node> icons = new java.util.EnumMap<>(AccountType.class);

            {
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                type.getStyleClass().add("muted-small");
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(GitHubLink l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                name.setText(Objects.toString(l.accountName(), "?"));
                name.setGraphic(icons.computeIfAbsent(l.accountType(),
                        t -> (t == AccountType.USER ? AppIcon.USER : AppIcon.ORGANIZATION).node()));
                type.setText(l.accountType().label());
                setAccessibleText(l.accountName() + ", " + l.accountType().label());
                setGraphic(box);
                setText(null);
            }
        });

        installationColumn.setCellValueFactory(c -> text(c.getValue(), ProjectRowViewModel::installationId));
        installationColumn.setComparator(Comparator.comparing((String s) -> s.isEmpty() ? Long.MAX_VALUE : parse(s)));

        reposColumn.setCellValueFactory(c -> Bindings.createObjectBinding(() -> reposOf(c.getValue()),
                c.getValue().linksProperty(), c.getValue().repoCountProperty()));
        reposColumn.setComparator(Comparator.comparingInt(ReposCell::count));
        reposColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ReposCell r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.text());
            }
        });

        sharedColumn.setCellValueFactory(c -> Bindings.createObjectBinding(() -> c.getValue().linksKnown()
                        && !c.getValue().links().isEmpty() ? c.getValue().sharedWith() : -1,
                c.getValue().sharedWithProperty(), c.getValue().linksProperty()));
        sharedColumn.setCellFactory(col -> new TableCell<>() {
            private javafx.scene.Node icon; // made once per cell: status updates re-run updateItem often

            @Override
            protected void updateItem(Integer n, boolean empty) {
                super.updateItem(n, empty);
                ProjectRowViewModel row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || n == null || n < 0 || row == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                if (n > 0) {
                    setText(n + (n == 1 ? " other project" : " other projects"));
                    setAccessibleText("shared with " + n + (n == 1 ? " other project" : " other projects"));
                    icon = icon != null ? icon : AppIcon.SHARED.node();
                    setGraphic(icon);
                } else {
                    setText(row.sharedOnServer() ? "projects you cannot see" : "only this project");
                    setGraphic(null);
                }
            }
        });

        createdColumn.setCellValueFactory(c -> linkOf(c.getValue()));
        createdColumn.setComparator(Comparator.nullsLast(Comparator.comparing(
                (GitHubLink l) -> l.createdAt() == null ? Instant.EPOCH : l.createdAt())));
        createdColumn.setCellFactory(col -> new TableCell<>() {
            private final Label who = new Label();
            private final Label when = new Label();
            private final HBox box = new HBox(6, who, when);

            {
                when.getStyleClass().add("muted-small");
                box.setAlignment(Pos.CENTER_LEFT);
            }

            @Override
            protected void updateItem(GitHubLink l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                who.setText(Objects.toString(l.createdBy(), "unknown"));
                when.setText(l.createdAt() == null ? "" : DATE.format(l.createdAt().atZone(zone)));
                setGraphic(box);
                setText(null);
            }
        });

        projectsTable.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        projectsTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedRowProperty().set(b));
        vm.selectedRowProperty().addListener((o, a, b) -> {
            if (b != projectsTable.getSelectionModel().getSelectedItem()) {
                if (b == null) {
                    projectsTable.getSelectionModel().clearSelection();
                } else {
                    projectsTable.getSelectionModel().select(b);
                }
            }
        });
        projectsTable.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openDetails();
                e.consume();
            }
        });
        projectsTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openDetails();
            }
        });
    }

    private ObservableValue<StatusCell> statusOf(ProjectRowViewModel r) {
        return Bindings.createObjectBinding(() -> new StatusCell(r.state(), r.statusDetailProperty().get(), r.isStale()),
                r.stateProperty(), r.statusDetailProperty(), r.staleProperty());
    }

    private static ObservableValue<GitHubLink> linkOf(ProjectRowViewModel r) {
        return Bindings.createObjectBinding(r::primaryLink, r.linksProperty());
    }

    private static ObservableValue<String> text(ProjectRowViewModel r, Function<ProjectRowViewModel, String> f) {
        return Bindings.createStringBinding(() -> f.apply(r), r.linksProperty());
    }

    private static ReposCell reposOf(ProjectRowViewModel r) {
        if (!r.linksKnown() || r.links().isEmpty()) {
            return new ReposCell("", -2);
        }
        String sel = r.repositorySelection();
        int n = r.repoCount();
        if (n < 0) {
            return new ReposCell(sel, -1);
        }
        return new ReposCell(sel + " · " + n, n);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE - 1;
        }
    }

    /** What the GitHub column shows for a row. */
    record StatusCell(RowState state, String detail, boolean stale) {
    }

    /** What the repositories column shows; count -1 unknown, -2 no integration. */
    record ReposCell(String text, int count) {
    }

    private static final java.util.List<String> STATUS_CLASSES =
            java.util.List.of("status-ok", "status-bad", "status-warn", "status-muted", "stale");

    /**
     * The GitHub status: an icon and a word as the cell's own graphic and text. The retry link (failed rows)
     * and the tooltip (once there is more to say than "Loading…") are made when first needed, so the first
     * frame of a load styles one icon per row and nothing else.
     */
    private final class StatusTableCell extends TableCell<ProjectRowViewModel, StatusCell> {
        private final java.util.Map<RowState, javafx.scene.Node> icons = new java.util.EnumMap<>(RowState.class);
        private HBox failedBox;
        private Label failedWord;
        private Tooltip tooltip;

        @Override
        protected void updateItem(StatusCell s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                getStyleClass().removeAll(STATUS_CLASSES);
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            AppIcon icon = switch (s.state()) {
                case CONNECTED -> AppIcon.CONNECTED;
                case NOT_CONNECTED -> AppIcon.NOT_CONNECTED;
                case UNAVAILABLE -> AppIcon.UNAVAILABLE;
                case TOKEN_ERROR -> AppIcon.TOKEN_ERROR;
                case NO_INSTALLATION -> AppIcon.WARNING;
                case FAILED -> AppIcon.LOAD_FAILED;
                case LOADING -> AppIcon.LOADING;
            };
            String tone = switch (s.state()) {
                case CONNECTED -> "status-ok";
                case UNAVAILABLE, FAILED -> "status-bad";
                case TOKEN_ERROR, NO_INSTALLATION -> "status-warn";
                case NOT_CONNECTED, LOADING -> "status-muted";
            };
            // Only touch the style classes that change: each change re-applies the cell's CSS.
            java.util.List<String> want = s.stale() ? java.util.List.of(tone, "stale") : java.util.List.of(tone);
            java.util.List<String> have = getStyleClass().stream().filter(STATUS_CLASSES::contains).toList();
            if (!have.equals(want)) {
                getStyleClass().removeAll(STATUS_CLASSES);
                getStyleClass().addAll(want);
            }
            javafx.scene.Node glyph = icons.computeIfAbsent(s.state(), k -> icon.node());
            if (s.state() == RowState.FAILED) {
                // A link cannot sit after a cell's own text, so a failed row shows a small box instead.
                if (failedBox == null) {
                    Hyperlink retry = new Hyperlink("Retry");
                    retry.getStyleClass().add("cell-retry");
                    retry.setAccessibleText("Retry loading this project");
                    retry.setOnAction(e -> {
                        ProjectRowViewModel row = getTableRow() == null ? null : getTableRow().getItem();
                        if (row != null) {
                            vm.retry(row);
                        }
                    });
                    failedWord = new Label();
                    failedWord.getStyleClass().add("status-word");
                    failedBox = new HBox(6, failedWord, retry);
                    failedBox.setAlignment(Pos.CENTER_LEFT);
                }
                failedWord.setText(s.state().label());
                failedWord.setGraphic(glyph);
                setText(null);
                setGraphic(failedBox);
            } else {
                setText(s.state().label());
                setGraphic(glyph);
            }
            String tip = s.detail().isEmpty() ? s.state().label() : s.state().label() + ": " + s.detail();
            if (s.state() == RowState.LOADING && !s.stale()) {
                setTooltip(null);
            } else {
                if (tooltip == null) {
                    tooltip = new Tooltip();
                }
                tooltip.setText(s.stale() ? tip + " (cached, refreshing)" : tip);
                setTooltip(tooltip);
            }
            setAccessibleText(tip);
        }
    }

    // ---- detail pane -------------------------------------------------------------------------------------

    private void bindDetail() {
        ProjectDetailViewModel d = vm.detail();
        detailEmptyIcon.setGraphic(AppIcon.GITHUB.node("empty-icon"));
        // The detail content joins the scene when a project is first selected: until then it would only add
        // its two tables and fields to the CSS and layout passes of the window's first frames.
        detailPane.getChildren().remove(detailContent);
        if (d.projectProperty().get() != null) {
            detailPane.getChildren().add(detailContent);
        } else {
            d.projectProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends ProjectRowViewModel> o,
                        ProjectRowViewModel was, ProjectRowViewModel now) {
                    if (now != null) {
                        o.removeListener(this);
                        detailPane.getChildren().add(detailContent);
                    }
                }
            });
        }
        detailContent.visibleProperty().bind(d.projectProperty().isNotNull());
        detailContent.managedProperty().bind(detailContent.visibleProperty());
        detailEmpty.visibleProperty().bind(d.projectProperty().isNull());
        detailEmpty.managedProperty().bind(detailEmpty.visibleProperty());
        d.projectProperty().addListener((o, a, b) -> {
            showDetailHeader();
            showLinkCards();
        });
        showDetailHeader();

        linkButton.setGraphic(AppIcon.LINK.node());
        oauthButton.setGraphic(AppIcon.OAUTH.node());
        unlinkButton.setGraphic(AppIcon.UNLINK.node());
        unlinkButton.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        linkButton.getStyleClass().add(Styles.ACCENT);
        linkButton.disableProperty().bind(vm.canLink().not());
        oauthButton.disableProperty().bind(vm.canStartOAuth().not());
        unlinkButton.disableProperty().bind(vm.canUnlink().not());
        linkButton.setTooltip(new Tooltip("Use an installation that a sibling project already has"));
        oauthButton.setTooltip(new Tooltip("Mint a GitHub authorization link for an installation"));
        unlinkButton.setTooltip(new Tooltip("Disconnect the selected integration from this project"));

        retryRowButton.setGraphic(AppIcon.RETRY.node());
        rowErrorBox.setVisible(false);
        rowErrorBox.setManaged(false);

        d.links().addListener((javafx.collections.ListChangeListener<GitHubLink>) c -> showLinkCards());
        d.selectedLinkProperty().addListener((o, a, b) -> showLinkCards());
        linkChoice.setItems(d.links());
        linkChoice.valueProperty().bindBidirectional(d.selectedLinkProperty());
        linkChoice.setConverter(new StringConverter<>() {
            @Override
            public String toString(GitHubLink l) {
                return l == null ? "" : l.accountName() + " (" + l.installationId() + ")";
            }

            @Override
            public GitHubLink fromString(String s) {
                return null;
            }
        });
        linkChoice.visibleProperty().bind(Bindings.size(d.links()).greaterThan(1));
        linkChoice.managedProperty().bind(linkChoice.visibleProperty());
        showLinkCards();

        repoSearchField.setLeft(AppIcon.SEARCH.node());
        repoSearchField.textProperty().bindBidirectional(d.repoSearchProperty());
        repoSearchField.disableProperty().bind(d.selectedLinkProperty().isNull());
        reposTable.setItems(d.repositories());
        reposTable.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        reposTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_SUBSEQUENT_COLUMNS);
        reposTable.setPlaceholder(muted(""));
        ((Label) reposTable.getPlaceholder()).textProperty().bind(d.reposMessageProperty());
        repoNameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        repoNameColumn.setComparator(Comparator.comparing(Repository::fullName));
        repoNameColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Repository r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                HBox box = new HBox(6);
                box.setAlignment(Pos.CENTER_LEFT);
                Label name = new Label(r.fullName(), (r.isPrivate() ? AppIcon.PRIVATE : AppIcon.REPOSITORY).node());
                name.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                setTooltip(new Tooltip(r.fullName() + (r.isPrivate() ? " (private)" : " (public)")
                        + (r.archived() ? ", archived" : "")));
                box.getChildren().add(name);
                if (r.archived()) {
                    Label tag = new Label("archived");
                    tag.getStyleClass().addAll("tag", "warning");
                    tag.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                    box.getChildren().add(tag);
                }
                setGraphic(box);
                setText(null);
                setAccessibleText(r.fullName() + (r.isPrivate() ? ", private" : ", public") + (r.archived() ? ", archived" : ""));
            }
        });
        repoBranchColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(Objects.toString(c.getValue().defaultBranch(), "")));
        repoPushedColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().pushedAt()));
        repoPushedColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Instant t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? null : DATE.format(t.atZone(zone)));
            }
        });
        reposMessage.textProperty().bind(Bindings.when(Bindings.isEmpty(d.repositories()))
                .then("").otherwise(d.reposMessageProperty()));
        loadMoreButton.visibleProperty().bind(d.reposHasMoreProperty());
        loadMoreButton.managedProperty().bind(loadMoreButton.visibleProperty());
        loadMoreButton.disableProperty().bind(d.reposLoadingProperty());

        installationsTable.setItems(d.installations());
        installationsTable.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        installationsTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_SUBSEQUENT_COLUMNS);
        installationsTable.setPlaceholder(muted(""));
        ((Label) installationsTable.getPlaceholder()).textProperty().bind(d.installationsMessageProperty());
        optionAccountColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        optionAccountColumn.setComparator(Comparator.comparing(o -> Objects.toString(o.accountName(), "")));
        optionAccountColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(InstallationOption o, boolean empty) {
                super.updateItem(o, empty);
                if (empty || o == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                setGraphic((o.accountType() == AccountType.USER ? AppIcon.USER : AppIcon.ORGANIZATION).node());
                setText(Objects.toString(o.accountName(), "?"));
            }
        });
        optionInstallationColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().installationId()));
        optionSourceColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(sourceText(c.getValue())));
        installationsMessage.textProperty().bind(Bindings.when(Bindings.isEmpty(d.installations()))
                .then("").otherwise(d.installationsMessageProperty()));
        installationsMessage.visibleProperty().bind(installationsMessage.textProperty().isNotEmpty());
        installationsMessage.managedProperty().bind(installationsMessage.visibleProperty());
    }

    /** PostHog leaves source_team_name empty; the loaded rows know the sibling's name. */
    private String sourceText(InstallationOption o) {
        if (o.fromPersonalAccount()) {
            return "your GitHub account";
        }
        String name = o.sourceProjectName();
        if (name == null) {
            ProjectRowViewModel row = vm.row(o.sourceProjectId());
            name = row == null ? "project" : row.name();
        }
        return name + " (#" + o.sourceProjectId() + ")";
    }

    private void showDetailHeader() {
        ProjectRowViewModel row = vm.detail().projectProperty().get();
        if (row == null) {
            listenTo(null);
            detailTitle.setText("");
            detailSubtitle.setText("");
            rowErrorBox.setVisible(false);
            rowErrorBox.setManaged(false);
            return;
        }
        detailTitle.setText(row.name());
        Instant created = row.project().createdAt();
        detailSubtitle.setText("Project #" + row.id()
                + (created == null ? "" : " · created " + DATE.format(created.atZone(zone))));
        listenTo(row);
        showRowError(row);
    }

    /** Follows the shown row's status, so the error box appears and disappears with it. */
    private void listenTo(ProjectRowViewModel row) {
        if (listenedRow != null) {
            listenedRow.statusDetailProperty().removeListener(rowStatusListener);
            listenedRow.stateProperty().removeListener(rowStatusListener);
        }
        listenedRow = row;
        if (row != null) {
            row.stateProperty().addListener(rowStatusListener);
            row.statusDetailProperty().addListener(rowStatusListener);
        }
    }

    private void showRowError(ProjectRowViewModel row) {
        boolean failed = row.state() == RowState.FAILED;
        rowErrorBox.setVisible(failed);
        rowErrorBox.setManaged(failed);
        rowErrorLabel.setText(failed ? "Couldn't load GitHub status: " + row.statusDetailProperty().get() : "");
    }

    private static Label muted(String text) {
        Label l = new Label(text);
        l.getStyleClass().add(Styles.TEXT_MUTED);
        l.setWrapText(true);
        return l;
    }

    private void showLinkCards() {
        ProjectDetailViewModel d = vm.detail();
        ProjectRowViewModel row = d.projectProperty().get();
        linksBox.getChildren().clear();
        if (row == null) {
            return;
        }
        if (!row.linksKnown()) {
            linksBox.getChildren().add(note(row.state() == RowState.FAILED
                    ? "Unknown until the GitHub status loads." : "Loading…"));
            return;
        }
        if (d.links().isEmpty()) {
            linksBox.getChildren().add(note("Not connected to GitHub. Link an installation that a sibling project "
                    + "already uses, or start the OAuth bootstrap."));
            return;
        }
        for (GitHubLink l : d.links()) {
            linksBox.getChildren().add(linkCard(l, l.equals(d.selectedLinkProperty().get()) && d.links().size() > 1));
        }
    }

    private Node linkCard(GitHubLink l, boolean selected) {
        Label title = new Label(Objects.toString(l.accountName(), "?"), AppIcon.GITHUB.node());
        title.getStyleClass().add("link-card-title");
        Label type = new Label(l.accountType().label() + " · " + (l.hasInstallation()
                ? "installation " + l.installationId() : "no installation"));
        type.getStyleClass().add("muted-small");
        HBox head = new HBox(8, title, type);
        head.setAlignment(Pos.CENTER_LEFT);
        ProjectState state = l.state();
        AppIcon icon = switch (state) {
            case UNAVAILABLE -> AppIcon.UNAVAILABLE;
            case TOKEN_ERROR -> AppIcon.TOKEN_ERROR;
            case NO_INSTALLATION -> AppIcon.WARNING;
            default -> AppIcon.CONNECTED;
        };
        Label statusLabel = new Label(ProjectDetailViewModel.linkStatusText(l), icon.node());
        statusLabel.getStyleClass().add(state == ProjectState.UNAVAILABLE ? "status-bad"
                : state.isProblem() ? "status-warn" : "status-ok");
        statusLabel.setWrapText(true);
        String sel = l.repositorySelection() == null ? "" : ("all".equals(l.repositorySelection())
                ? "All repositories" : "Selected repositories");
        String by = (l.createdBy() == null ? "" : "linked by " + l.createdBy())
                + (l.createdAt() == null ? "" : " on " + DATE.format(l.createdAt().atZone(zone)));
        Label meta = new Label(String.join(" · ", java.util.stream.Stream.of(sel, by, l.shared() ? "shared" : "")
                .filter(x -> !x.isEmpty()).toList()));
        meta.getStyleClass().add("muted-small");
        meta.setWrapText(true);
        meta.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        statusLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox card = new VBox(4, head, statusLabel, meta);
        card.getStyleClass().add("link-card");
        if (selected) {
            card.getStyleClass().add("selected");
        }
        card.setOnMouseClicked(e -> vm.detail().selectedLinkProperty().set(l));
        return card;
    }

    private static Label note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("empty-note");
        l.setWrapText(true);
        return l;
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
    }

    /** Ctrl+F. */
    public void focusSearch() {
        searchField.requestFocus();
        searchField.selectAll();
    }

    private void focusTable() {
        projectsTable.requestFocus();
        if (projectsTable.getSelectionModel().isEmpty() && !projectsTable.getItems().isEmpty()) {
            projectsTable.getSelectionModel().selectFirst();
            projectsTable.getFocusModel().focus(0);
        }
    }

    /** Enter on a row: shows that project in the detail pane and moves the focus there. */
    private void openDetails() {
        ProjectRowViewModel row = projectsTable.getSelectionModel().getSelectedItem();
        if (row == null) {
            int focused = projectsTable.getFocusModel().getFocusedIndex();
            if (focused < 0) {
                return;
            }
            projectsTable.getSelectionModel().select(focused);
            row = projectsTable.getSelectionModel().getSelectedItem();
        }
        vm.selectedRowProperty().set(row);
        // After this pulse's layout: the pane's controls change their state with the selection.
        javafx.application.Platform.runLater(() ->
                firstEnabled(retryRowButton, linkButton, oauthButton, repoSearchField, reposTable).requestFocus());
    }

    private static boolean shown(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    private Node firstEnabled(Node... nodes) {
        for (Node n : nodes) {
            if (!n.isDisabled() && shown(n)) {
                return n;
            }
        }
        return reposTable;
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
        vm.requestNewKey();
    }

    @FXML
    private void retryFailed() {
        vm.retryFailed();
    }

    @FXML
    private void retrySelected() {
        ProjectRowViewModel row = vm.selectedRowProperty().get();
        if (row != null) {
            vm.retry(row);
        }
    }

    @FXML
    private void linkExisting() {
        vm.linkExisting();
    }

    @FXML
    private void startOAuth() {
        vm.startOAuth();
    }

    @FXML
    private void unlink() {
        vm.unlink();
    }

    @FXML
    private void loadMoreRepositories() {
        vm.detail().loadMoreRepositories();
    }
}
