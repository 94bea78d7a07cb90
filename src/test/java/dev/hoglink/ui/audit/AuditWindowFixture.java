package dev.hoglink.ui.audit;

import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * The audit window as the tests, the benchmark and the screenshot launchers build it around a report: its view model
 * (tasks run inline, times in UTC), its view in a scene of a given size with the theme registered, shown on a stage;
 * and the problem actions they hand it.
 */
public final class AuditWindowFixture {

    private AuditWindowFixture() {
    }

    /** The window: its scene, its view and view model. */
    public record Window(Scene scene, AuditView view, AuditViewModel vm) {
    }

    /** A view model whose tasks run on the calling thread and whose results reach the window through {@code fx}. */
    public static AuditViewModel viewModel(Executor fx, DialogService dialogs, ProblemActions actions) {
        return new AuditViewModel(new SameThreadTaskRunner(), fx, dialogs, actions, ZoneOffset.UTC);
    }

    /** Shows {@code vm}'s window on {@code stage} at {@code width}×{@code height}, in {@code theme}. */
    public static Window show(Stage stage, AuditViewModel vm, DialogService dialogs, ThemeManager theme, double width,
                              double height) {
        ViewLoader.Loaded<AuditView> loaded = new ViewLoader(new ControllerFactory()
                .register(AuditView.class, () -> new AuditView(vm, dialogs, ZoneOffset.UTC))).load(AuditView.class);
        Scene scene = new Scene(loaded.root(), width, height);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        return new Window(scene, loaded.controller(), vm);
    }

    /** A theme manager that remembers nothing, set to {@code theme}. */
    public static ThemeManager theme(ThemeManager.Theme theme) {
        ThemeManager m = new ThemeManager(t -> { });
        m.apply(theme);
        return m;
    }

    /** Problem actions that do nothing; {@code offered} says whether linking and the OAuth wizard are offered. */
    public static ProblemActions inert(boolean offered) {
        return recordingLinkAll(offered, ids -> { });
    }

    /** As {@link #inert}, handing each "Link them…" (bulk link) of a set of projects to {@code linkAll}. */
    public static ProblemActions recordingLinkAll(boolean offered, Consumer<List<Long>> linkAll) {
        return new ProblemActions() {
            @Override
            public boolean canLink(long projectId) {
                return offered;
            }

            @Override
            public void link(long projectId) {
            }

            @Override
            public void relink(long projectId, String installationId) {
            }

            @Override
            public boolean canStartOAuth(long projectId) {
                return offered;
            }

            @Override
            public void startOAuth(long projectId) {
            }

            @Override
            public void openOnGitHub(String url) {
            }

            @Override
            public boolean canLinkAll(List<Long> projectIds) {
                return offered;
            }

            @Override
            public void linkAll(List<Long> projectIds) {
                linkAll.accept(List.copyOf(projectIds));
            }
        };
    }
}
