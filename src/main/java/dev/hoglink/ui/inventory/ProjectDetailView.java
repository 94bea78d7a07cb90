package dev.hoglink.ui.inventory;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationName;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Repository;
import dev.hoglink.ui.common.DisplayConverter;
import dev.hoglink.ui.common.HoverTip;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.theme.AppIcon;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The project detail pane ({@code ProjectDetail.fxml}): the selected project's GitHub integrations, its
 * repositories (paged, searchable) and the installations it could link, with the Link, OAuth and Unlink
 * buttons, which call the {@link ProjectActions} it was given. Binds to {@link ProjectDetailViewModel}.
 */
public final class ProjectDetailView {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final InventoryViewModel vm;
    private final ZoneId zone;
    private final ProjectActions actions;
    private ProjectRowViewModel listenedRow;
    private final javafx.beans.InvalidationListener rowStatusListener = o -> {
        if (listenedRow != null) {
            showRowError(listenedRow);
        }
    };

    /** The integrations the content shows, by id ({@link #linkIds}). */
    private List<Long> shownLinks = List.of();
    /** The scene whose next layout {@link #reveal} waits for, or null when none is waited for. */
    private javafx.scene.Scene revealScene;

    @FXML private VBox detailPane;
    @FXML private javafx.scene.control.ScrollPane detailScroll;
    @FXML private VBox detailEmpty;
    @FXML private Label detailEmptyIcon;
    @FXML private VBox detailContent;
    @FXML private Label detailTitle;
    @FXML private Label detailSubtitle;
    @FXML private Label permissionNote;
    @FXML private Button linkButton;
    @FXML private Button oauthButton;
    @FXML private Button unlinkButton;
    @FXML private Button manageButton;
    @FXML private javafx.scene.layout.FlowPane repoScopeBar;
    @FXML private Label repoScopeLabel;
    @FXML private javafx.scene.control.Hyperlink repoAccessLink;
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
    @FXML private javafx.scene.layout.HBox reposHeader;
    @FXML private javafx.scene.layout.HBox reposFooter;
    @FXML private Button loadMoreButton;
    @FXML private Button refreshReposButton;
    @FXML private Label refreshMessage;
    @FXML private TableView<InstallationOption> installationsTable;
    @FXML private TableColumn<InstallationOption, InstallationOption> optionAccountColumn;
    @FXML private TableColumn<InstallationOption, String> optionInstallationColumn;
    @FXML private TableColumn<InstallationOption, String> optionSourceColumn;
    @FXML private Label installationsMessage;
    @FXML private Label installationsTitle;
    @FXML private atlantafx.base.controls.CustomTextField installationFilterField;
    @FXML private Label installationsCountLabel;

    public ProjectDetailView(InventoryViewModel vm, ZoneId zone, ProjectActions actions) {
        this.vm = Objects.requireNonNull(vm);
        this.zone = zone;
        this.actions = Objects.requireNonNull(actions);
    }

    @FXML
    private void initialize() {
        if (detailContent != null) {
            return; // ProjectDetailContent.fxml, loaded by showContent (which binds it) with this controller
        }
        bindDetail();
        detailScroll.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((fo, was, now) -> scrollDetailTo(now));
            }
        });
    }

    /** Keyboard focus moving to a control of the detail below (or above) its viewport scrolls it into view. */
    private void scrollDetailTo(Node focused) {
        if (focused == null || !inPane(focused)) {
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

    private final javafx.beans.value.ChangeListener<RowState> onRowState = (o, a, b) -> showRepositoriesSection();

    /**
     * A project with no GitHub has no repositories to search, refresh or list: its section is not shown (a disabled
     * Refresh, a disabled search and an empty table said nothing the GitHub integration section does not say, and
     * cut their words in a narrow pane). Shown again while its state is being read and once it has GitHub.
     */
    private void showRepositoriesSection() {
        ProjectRowViewModel row = vm.detail().projectProperty().get();
        boolean show = row == null || row.state() != RowState.NOT_CONNECTED;
        for (Node n : List.of(reposHeader, reposTable, reposFooter)) {
            n.setVisible(show);
            n.setManaged(show);
        }
    }

    private List<Button> actionButtons() {
        return List.of(linkButton, oauthButton, manageButton, unlinkButton);
    }

    /**
     * A focused action button that turns off (Unlink once the project is unlinked) hands the focus to the first
     * usable one beside it, Link first: left to the scene, the focus went to the next control that takes it, the
     * repositories table far below, and the pane scrolled down to it, out of sight of the buttons.
     */
    private void keepFocusInActionBar(Button disabled) {
        if (disabled.getScene() == null || disabled.getScene().getFocusOwner() != disabled) {
            return;
        }
        for (Button b : actionButtons()) {
            if (!b.isDisabled() && shown(b)) {
                b.requestFocus();
                return;
            }
        }
    }

    /** The integrations shown, by id: they change with a link or an unlink, not with a refresh that finds the same. */
    private List<Long> linkIds() {
        return vm.detail().links().stream().map(GitHubLink::integrationId).toList();
    }

    /**
     * After the layout of the content's new shape (another project, a link made or removed), shows the pane from its
     * top, where the title, the actions (Link first) and the project's GitHub state are; unless the keyboard focus is
     * on a control further down than the top shows, which then stays in view where the user works.
     */
    private void revealAfterLayout() {
        javafx.scene.Scene scene = detailScroll.getScene();
        if (scene == null || revealScene != null) {
            return;
        }
        revealScene = scene;
        scene.addPostLayoutPulseListener(reveal);
        javafx.application.Platform.requestNextPulse();
    }

    private final Runnable reveal = new Runnable() {
        @Override
        public void run() {
            revealScene.removePostLayoutPulseListener(this);
            Node focused = revealScene.getFocusOwner();
            revealScene = null;
            if (focused != null && inPane(focused) && belowTheTop(focused)) { // scrolled to it when it took the focus
                scrollDetailTo(focused);
            } else {
                detailScroll.setVvalue(detailScroll.getVmin());
            }
        }
    };

    private boolean inPane(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == detailPane) {
                return true;
            }
        }
        return false;
    }

    /** Whether the pane scrolled to its top would not show all of the node. */
    private boolean belowTheTop(Node n) {
        javafx.geometry.Bounds b = detailPane.sceneToLocal(n.localToScene(n.getLayoutBounds()));
        return b.getMaxY() > detailScroll.getViewportBounds().getHeight();
    }

    /** Moves the focus to the pane's first usable control, after this pulse's layout (its controls follow the selection). */
    public void focusFirst() {
        if (detailContent == null) {
            return; // no project was selected yet: nothing to focus
        }
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

    private void bindDetail() {
        ProjectDetailViewModel d = vm.detail();
        detailEmptyIcon.setGraphic(AppIcon.GITHUB.node("empty-icon"));
        detailEmpty.visibleProperty().bind(d.projectProperty().isNull());
        detailEmpty.managedProperty().bind(detailEmpty.visibleProperty());
        // The content is loaded and joins the scene when a project is first selected: until then its two tables,
        // fields and buttons would only add to the FXML, CSS and layout of the window's first frame.
        if (d.projectProperty().get() != null) {
            showContent();
        } else {
            d.projectProperty().addListener(new javafx.beans.value.ChangeListener<>() {
                @Override
                public void changed(javafx.beans.value.ObservableValue<? extends ProjectRowViewModel> o,
                        ProjectRowViewModel was, ProjectRowViewModel now) {
                    if (now != null) {
                        o.removeListener(this);
                        showContent();
                    }
                }
            });
        }
    }

    /** Loads the content (ProjectDetailContent.fxml, into this controller's fields), adds it to the pane, binds it. */
    private void showContent() {
        ViewLoader.loadPart(this, ProjectDetailView.class.getResource("ProjectDetailContent.fxml"));
        detailPane.getChildren().add(detailContent);
        bindContent();
    }

    private void bindContent() {
        ProjectDetailViewModel d = vm.detail();
        detailContent.visibleProperty().bind(d.projectProperty().isNotNull());
        detailContent.managedProperty().bind(detailContent.visibleProperty());
        d.projectProperty().addListener((o, a, b) -> {
            if (a != null) {
                a.stateProperty().removeListener(onRowState);
            }
            if (b != null) {
                b.stateProperty().addListener(onRowState);
            }
            showRepositoriesSection();
            showDetailHeader();
            showLinkCards();
            shownLinks = linkIds();
            revealAfterLayout();
        });
        if (d.projectProperty().get() != null) { // the content is loaded on the first selection, already made
            d.projectProperty().get().stateProperty().addListener(onRowState);
        }
        showRepositoriesSection();

        linkButton.setGraphic(AppIcon.LINK.node());
        oauthButton.setGraphic(AppIcon.OAUTH.node());
        unlinkButton.setGraphic(AppIcon.UNLINK.node());
        unlinkButton.getStyleClass().addAll(Styles.DANGER, Styles.BUTTON_OUTLINED);
        linkButton.getStyleClass().add(Styles.ACCENT);
        linkButton.disableProperty().bind(vm.canLink().not());
        oauthButton.disableProperty().bind(vm.canStartOAuth().not());
        unlinkButton.disableProperty().bind(vm.canUnlink().not());
        PermissionViews.bind(vm.permissions(), permissionNote, linkButton, oauthButton, unlinkButton);
        manageButton.disableProperty().bind(vm.detail().selectedLinkProperty().isNull()
                .or(ProjectPermissions.allowed(vm.permissions().manageOnGitHub()).not()));
        PermissionViews.explain(manageButton, vm.permissions().manageOnGitHub(), "Open the selected installation's "
                + "settings on GitHub (repositories, permissions); PostHog is told first, so GitHub's return is accepted",
                vm.permissions());

        retryRowButton.setGraphic(AppIcon.RETRY.node());
        rowErrorBox.setVisible(false);
        rowErrorBox.setManaged(false);

        d.links().addListener((javafx.collections.ListChangeListener<GitHubLink>) c -> {
            showDetailHeader();
            showLinkCards();
            List<Long> now = linkIds();
            if (!now.equals(shownLinks)) { // linked or unlinked: a refresh that finds the same rows moves nothing
                shownLinks = now;
                revealAfterLayout();
            }
        });
        shownLinks = linkIds();
        for (Button b : actionButtons()) {
            b.disabledProperty().addListener((o, was, disabled) -> {
                if (disabled) {
                    keepFocusInActionBar(b);
                }
            });
        }
        d.selectedLinkProperty().addListener((o, a, b) -> showLinkCards());
        d.notConnectedNoteProperty().addListener((o, a, b) -> showLinkCards());
        linkChoice.setItems(d.links());
        linkChoice.valueProperty().bindBidirectional(d.selectedLinkProperty());
        linkChoice.setConverter(DisplayConverter.of(l -> InstallationName.of(l.accountName(), l.installationId())));
        linkChoice.visibleProperty().bind(Bindings.size(d.links()).greaterThan(1));
        linkChoice.managedProperty().bind(linkChoice.visibleProperty());

        repoSearchField.setLeft(AppIcon.SEARCH.node());
        repoSearchField.textProperty().bindBidirectional(d.repoSearchProperty());
        repoSearchField.disableProperty().bind(d.selectedLinkProperty().isNull());
        reposTable.setItems(d.repositories());
        reposTable.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        reposTable.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_SUBSEQUENT_COLUMNS);
        reposTable.setPlaceholder(muted(""));
        ((Label) reposTable.getPlaceholder()).textProperty().bind(d.reposMessageProperty());
        // Seven rows at least, like the installations list below, when there are repositories to show: at 120 px it
        // showed three of 250 even in a 1600x1000 window, whose detail pane scrolls all the same.
        reposTable.minHeightProperty().bind(Bindings.when(d.selectedLinkProperty().isNull()).then(120.0).otherwise(210.0));
        repoNameColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        repoNameColumn.setComparator(Comparator.comparing(Repository::fullName));
        repoNameColumn.setCellFactory(col -> RepositoryCells.name());
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
        repoScopeLabel.textProperty().bind(d.repositoryScope());
        repoScopeBar.visibleProperty().bind(d.selectedLinkProperty().isNotNull());
        repoScopeBar.managedProperty().bind(repoScopeBar.visibleProperty());
        HoverTip.on(repoAccessLink).setText("Open the installation's settings on GitHub, where an owner chooses "
                + "all repositories or selected ones; nothing is sent to PostHog");
        refreshReposButton.disableProperty().bind(d.selectedLinkProperty().isNull().or(d.refreshingProperty()));
        HoverTip.on(refreshReposButton).setText("Ask PostHog to read this installation's repositories from GitHub "
                + "again (10 a minute per project; PostHog reuses the list for 30 s)");
        refreshMessage.textProperty().bind(d.refreshMessageProperty());
        refreshMessage.visibleProperty().bind(d.refreshMessageProperty().isNotEmpty());
        refreshMessage.managedProperty().bind(refreshMessage.visibleProperty());
        loadMoreButton.visibleProperty().bind(d.reposHasMoreProperty());
        loadMoreButton.managedProperty().bind(loadMoreButton.visibleProperty());
        loadMoreButton.disableProperty().bind(d.reposLoadingProperty());

        installationsTitle.textProperty().bind(d.installationsTitleProperty());
        installationFilterField.accessibleTextProperty().bind(Bindings.createStringBinding(() -> "Filter the "
                + d.installationsTitleProperty().get().toLowerCase(java.util.Locale.ROOT), d.installationsTitleProperty()));
        installationsTable.accessibleTextProperty().bind(d.installationsTitleProperty());
        CanLinkList.bind(d, installationsTable, optionAccountColumn, optionInstallationColumn, optionSourceColumn,
                installationFilterField, installationsCountLabel, installationsMessage, this::sourceText);
        showDetailHeader(); // the project selected now
        showLinkCards();
    }

    /** PostHog leaves source_team_name empty; the loaded rows know the sibling's name. */
    private String sourceText(InstallationOption o) {
        if (o.fromPersonalAccount()) {
            return "your GitHub account";
        }
        // An environment by its own name, its project after the id (shown on hover only): a cut "Stark Web / St…"
        // read as if Stark Web itself used the installation.
        ProjectRowViewModel row = o.sourceProjectId() == null ? null : vm.row(o.sourceProjectId());
        String name = row != null ? row.project().ownName() : o.sourceProjectName();
        String of = row == null || row.project().parentId() == null ? "" : ", " + row.project().ofProject();
        return (name == null ? "project" : name) + " (id " + o.sourceProjectId() + ")" + of;
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
        detailTitle.setText(row.project().ownName()); // the subtitle names an environment's project
        Instant created = row.project().createdAt();
        // the installations it uses, as a link's or an unlink's result counts them (InstallationUse.others): a row
        // naming no installation is none (its card and the audit show it as a problem)
        List<GitHubLink> links = vm.detail().links().stream().filter(GitHubLink::hasInstallation).toList();
        detailSubtitle.setText(idLine(row.project())
                + (created == null ? "" : " · created " + DATE.format(created.atZone(zone)))
                + (links.size() < 2 ? "" : " · uses " + links.size() + " GitHub installations: " + links.stream()
                .map(l -> l.accountName() == null || l.accountName().isBlank() ? "installation " + l.installationId()
                        : l.accountName()).collect(java.util.stream.Collectors.joining(", "))));
        listenTo(row);
        showRowError(row);
    }

    /**
     * "Project id 401", or for another environment of a project (a team of its own, with its own GitHub integration)
     * "Environment id 402 of project Stark Web (id 401)": its id is a team's, not a project's.
     */
    static String idLine(dev.hoglink.model.Project p) {
        if (p.parentId() == null) {
            return "Project id " + p.id();
        }
        return "Environment id " + p.id() + " of project " + p.parentLabel();
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
        // A card chosen from the keyboard keeps the focus through the redraw its choice causes.
        javafx.scene.Node owner = linksBox.getScene() == null ? null : linksBox.getScene().getFocusOwner();
        Object focused = owner != null && owner.getParent() == linksBox ? owner.getUserData() : null;
        linksBox.getChildren().clear();
        if (row == null) {
            return;
        }
        if (!row.linksKnown()) {
            linksBox.getChildren().add(LinkCards.note(row.state() == RowState.FAILED
                    ? "Unknown until the GitHub status loads." : "Loading…"));
            return;
        }
        if (d.links().isEmpty()) {
            linksBox.getChildren().add(LinkCards.note(d.notConnectedNoteProperty().get()));
            return;
        }
        for (GitHubLink l : d.links()) {
            boolean choosable = d.links().size() > 1;
            javafx.scene.Node card = LinkCards.linkCard(l, d.sharingProperty(l),
                    choosable && l.equals(d.selectedLinkProperty().get()), choosable, zone, d.selectedLinkProperty()::set);
            linksBox.getChildren().add(card);
            if (l.equals(focused)) {
                card.requestFocus();
            }
        }
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
        ProjectRowViewModel row = vm.selectedRowProperty().get();
        if (row != null) {
            actions.link(row);
        }
    }

    @FXML
    private void startOAuth() {
        ProjectRowViewModel row = vm.selectedRowProperty().get();
        if (row != null) {
            actions.startOAuth(row);
        }
    }

    @FXML
    private void openRepositoryAccess() {
        GitHubLink link = vm.detail().selectedLinkProperty().get();
        if (link != null) {
            actions.openRepositoryAccess(link);
        }
    }

    @FXML
    private void manageOnGitHub() {
        ProjectRowViewModel row = vm.selectedRowProperty().get();
        GitHubLink link = vm.detail().selectedLinkProperty().get();
        if (row != null && link != null) {
            actions.manageOnGitHub(row, link);
        }
    }

    @FXML
    private void unlink() {
        ProjectRowViewModel row = vm.selectedRowProperty().get();
        GitHubLink link = vm.detail().selectedLinkProperty().get();
        if (row != null && link != null) {
            actions.unlink(row, link);
        }
    }

    @FXML
    private void refreshRepositories() {
        vm.detail().refreshRepositories();
    }

    @FXML
    private void loadMoreRepositories() {
        vm.detail().loadMoreRepositories();
    }
}
