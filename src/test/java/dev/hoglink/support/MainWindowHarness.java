package dev.hoglink.support;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.connect.ConnectionChoice;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectActions;
import dev.hoglink.ui.inventory.ProjectDetailView;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.inventory.ProjectsTableView;
import dev.hoglink.ui.main.MainActions;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/** Loads the real main window (its FXML with the included table and detail pane) over a view model. */
public final class MainWindowHarness {

    private MainWindowHarness() {
    }

    /** The main window with every command going to {@code actions}; the detail pane's buttons to {@code project}. */
    public static ViewLoader.Loaded<MainWindowView> load(InventoryViewModel vm, ThemeManager theme, ZoneId zone,
                                                         MainActions actions, ProjectActions project) {
        ControllerFactory controllers = new ControllerFactory()
                .register(MainWindowView.class, () -> new MainWindowView(vm, theme, actions))
                .register(ProjectsTableView.class, () -> new ProjectsTableView(vm, zone))
                .register(ProjectDetailView.class, () -> new ProjectDetailView(vm, zone, project));
        return new ViewLoader(controllers).load(MainWindowView.class);
    }

    public static ViewLoader.Loaded<MainWindowView> load(InventoryViewModel vm, ThemeManager theme, ZoneId zone,
                                                         MainActions actions) {
        return load(vm, theme, zone, actions, actions);
    }

    /**
     * Shows the real main window over {@code vm} in {@code stage}: light theme, 1024x700, commands recorded and
     * dropped, times in UTC.
     */
    public static ViewLoader.Loaded<MainWindowView> showLight(javafx.stage.Stage stage, InventoryViewModel vm) {
        ThemeManager theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        ViewLoader.Loaded<MainWindowView> loaded = load(vm, theme, java.time.ZoneOffset.UTC, new RecordingActions());
        javafx.scene.Scene scene = new javafx.scene.Scene(loaded.root(), 1024, 700);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        return loaded;
    }

    /** Records every command as a line ("link 105", "openAudit"); the welcome banner follows {@link #welcome}. */
    public static class RecordingActions implements MainActions {
        public final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        public final ReadOnlyBooleanWrapper welcome = new ReadOnlyBooleanWrapper();
        public final List<ConnectionChoice> choices = new ArrayList<>();

        @Override
        public void link(ProjectRowViewModel row) {
            calls.add("link " + row.id());
        }

        @Override
        public void startOAuth(ProjectRowViewModel row) {
            calls.add("oauth " + row.id());
        }

        @Override
        public void unlink(ProjectRowViewModel row, GitHubLink link) {
            calls.add("unlink " + row.id() + " " + link.integrationId());
        }

        @Override
        public void manageOnGitHub(ProjectRowViewModel row, GitHubLink link) {
            calls.add("manage " + row.id() + " " + link.integrationId());
        }

        @Override
        public void openRepositoryAccess(GitHubLink link) {
            calls.add("repository access " + link.settingsPage().map(Object::toString).orElse("none"));
        }

        @Override
        public List<ConnectionChoice> connectionChoices() {
            return List.copyOf(choices);
        }

        @Override
        public void connectNew() {
            calls.add("connectNew");
        }

        @Override
        public void quit() {
            calls.add("quit");
        }

        @Override
        public void openSandbox() {
            calls.add("openSandbox");
        }

        @Override
        public void askForNewKey() {
            calls.add("askForNewKey");
        }

        @Override
        public void linkProjects(List<ProjectRowViewModel> rows) {
            calls.add("linkProjects " + rows.stream().map(r -> Long.toString(r.id())).toList());
        }

        @Override
        public void openAudit() {
            calls.add("openAudit");
        }

        @Override
        public ReadOnlyBooleanProperty welcomeShownProperty() {
            return welcome.getReadOnlyProperty();
        }

        @Override
        public void dismissWelcome() {
            calls.add("dismissWelcome");
            welcome.set(false);
        }
    }
}
