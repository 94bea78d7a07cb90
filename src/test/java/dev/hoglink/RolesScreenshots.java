package dev.hoglink;

import dev.hoglink.service.credentials.CredentialStore;
import dev.hoglink.service.credentials.SessionCredentialStore;
import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Test-only launcher: the real app on its built-in sandbox, walked through the read-only connection, the
 * sandbox's roles, the install requests window and the repositories card, writing PNGs at 1024x700 and
 * 1600x1000 in light and dark (packaging/roles-screenshots.sh), then exits.
 */
public final class RolesScreenshots extends HoglinkApp {

    /** Plain entry point (a main in the Application subclass itself trips the launcher's module check). */
    public static final class Main {
        public static void main(String[] args) {
            launch(RolesScreenshots.class, args);
        }
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private Stage stage;
    private Path out;

    private record Step(BooleanSupplier ready, Runnable action, String what) {
    }

    /** A step that is not ready within this time ends the walk with what it waited for, instead of hanging. */
    private static final long STEP_TIMEOUT_MS = 60_000;
    private long stepSince = System.currentTimeMillis();
    private int taken;

    @Override
    protected CredentialStore createKeyring() {
        return new SessionCredentialStore();
    }

    @Override
    public void start(Stage primaryStage) {
        stage = primaryStage;
        out = Path.of(System.getProperty("roles.out", "target/screenshots/roles"));
        super.start(primaryStage);
        for (String size : new String[] {"1024x700", "1600x1000"}) {
            int w = Integer.parseInt(size.split("x")[0]);
            int h = Integer.parseInt(size.split("x")[1]);
            for (String theme : new String[] {"light", "dark"}) {
                String tag = theme + "-" + size;
                then(() -> true, () -> {
                    stage.setWidth(w);
                    stage.setHeight(h);
                    if (!themeIs(theme)) {
                        find("#themeButton", Button.class).fire();
                    }
                });
                walk(tag);
            }
        }
        then(() -> true, Platform::exit);
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(300), e -> {
            Step next = steps.peek();
            boolean ready;
            try {
                ready = next != null && next.ready().getAsBoolean();
            } catch (RuntimeException failed) {
                System.err.println("roles-screenshots: step " + (taken + 1) + " failed: " + failed);
                Runtime.getRuntime().halt(3);
                return;
            }
            if (ready) {
                steps.poll();
                taken++;
                stepSince = System.currentTimeMillis();
                next.action().run();
            } else if (next != null && System.currentTimeMillis() - stepSince > STEP_TIMEOUT_MS) {
                try {
                    System.err.println("roles-screenshots: step " + (taken + 1) + " (" + next.what() + ") not ready"
                            + " after " + STEP_TIMEOUT_MS / 1000 + " s; signed in: '"
                            + find("#signedInLabel", Label.class).getText() + "', rows " + inventory().rows().size()
                            + ", with links known " + inventory().rows().stream().filter(ProjectRowViewModel::linksKnown).count()
                            + ", busy " + inventory().busyProperty().get());
                } finally {
                    Runtime.getRuntime().halt(3);
                }
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    private void walk(String tag) {
        role("owner", "Owner of");
        select(104);
        then(settled(), () -> shoot(stage.getScene(), tag + "-1-repositories-all.png"));
        select(101);
        then(settled(), () -> shoot(stage.getScene(), tag + "-2-repositories-selected.png"));
        then(() -> true, () -> menu("installRequestsItem"));
        then(() -> window("#requestsBox") != null && !((javafx.scene.layout.VBox) window("#requestsBox")
                .lookup("#requestsBox")).getChildren().isEmpty(), () -> { });
        then(settled(), () -> shoot(window("#requestsBox"), tag + "-3-install-requests.png"));
        then(() -> true, () -> ((Stage) window("#requestsBox").getWindow()).close());
        role("readonly", "read-only key");
        select(101);
        then(settled(), () -> shoot(stage.getScene(), tag + "-4-readonly-key.png"));
        then(() -> true, () -> menu("connectNewItem"));
        then(() -> window("#keyField") != null, () -> {
            Scene d = window("#keyField");
            ((RadioButton) d.lookup("#selfHostedRadio")).fire();
            ((TextField) d.lookup("#hostField")).setText("https://posthog.internal.example");
            ((TextField) d.lookup("#siteUrlField")).setText("https://posthog.acme.example");
            ((TextField) d.lookup("#nameField")).setText("Acme production");
            ((CheckBox) d.lookup("#readOnlyCheck")).setSelected(true);
        });
        then(settled(), () -> {
            // Xvfb has no window manager, which does not always honour the dialog's growth (sizeToScene): the
            // content is drawn at the height it asks for, as a desktop shows it.
            javafx.scene.layout.Region root = (javafx.scene.layout.Region) window("#keyField").getRoot();
            root.resize(root.getWidth(), root.prefHeight(root.getWidth()));
            root.layout();
            try {
                Files.createDirectories(out);
                Snapshots.writePng(root, out.resolve(tag + "-5-connection-dialog.png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        then(() -> true, () -> ((Stage) window("#keyField").getWindow()).close());
    }

    private long settleAt;

    /** True once a second has passed since the step before (the data and the layout settle). */
    private BooleanSupplier settled() {
        settleAt = 0;
        return () -> {
            if (settleAt == 0) {
                settleAt = System.currentTimeMillis() + 1500;
            }
            return System.currentTimeMillis() > settleAt && !inventory().busyProperty().get()
                    && !inventory().detail().reposLoadingProperty().get()
                    && !inventory().detail().installationsLoadingProperty().get();
        };
    }

    private void role(String role, String shows) {
        then(() -> true, () -> menu("sandboxRole-" + role));
        then(() -> find("#signedInLabel", Label.class).getText().toLowerCase(java.util.Locale.ROOT)
                .contains(shows.toLowerCase(java.util.Locale.ROOT))
                && inventory().rows().size() >= 20 && inventory().rows().stream().allMatch(ProjectRowViewModel::linksKnown),
                () -> { });
    }

    private void select(long id) {
        then(() -> inventory().row(id) != null, () -> inventory().selectedRowProperty().set(inventory().row(id)));
    }

    private void then(BooleanSupplier ready, Runnable action) {
        StackTraceElement caller = StackWalker.getInstance().walk(f -> f.skip(1).findFirst()).map(
                StackWalker.StackFrame::toStackTraceElement).orElse(null);
        steps.add(new Step(ready, action, caller == null ? "?" : caller.getMethodName() + ":" + caller.getLineNumber()));
    }

    private boolean themeIs(String theme) {
        boolean dark = stage.getScene().getRoot().getStyleClass().contains("dark")
                || javafx.application.Application.getUserAgentStylesheet() != null
                && javafx.application.Application.getUserAgentStylesheet().toLowerCase().contains("dark");
        return dark == "dark".equals(theme);
    }

    private <T> T find(String id, Class<T> type) {
        return type.cast(stage.getScene().lookup(id));
    }

    private void menu(String id) {
        MenuButton m = find("#connectionMenu", MenuButton.class);
        m.show();
        m.hide();
        m.getItems().stream()
                .flatMap(i -> i instanceof javafx.scene.control.Menu s ? s.getItems().stream() : java.util.stream.Stream.of(i))
                .filter(i -> id.equals(i.getId())).findFirst().ifPresent(MenuItem::fire);
    }

    private static Scene window(String id) {
        return Window.getWindows().stream().filter(w -> w.isShowing() && w.getScene() != null
                && w.getScene().lookup(id) != null).map(Window::getScene).findFirst().orElse(null);
    }

    private void shoot(Scene scene, String name) {
        try {
            Files.createDirectories(out);
            Snapshots.writePng(scene, out.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
