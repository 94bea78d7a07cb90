package dev.hoglink.ui.common;

import atlantafx.base.controls.Notification;
import atlantafx.base.theme.Styles;
import dev.hoglink.ui.common.DialogService.Notice;
import dev.hoglink.ui.theme.AppIcon;
import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/**
 * In-window notifications: AtlantaFX {@link Notification}s stacked in the bottom-right corner of a layer
 * above the content, closed by their button or after a few seconds.
 */
public final class Toasts {

    private final VBox stack = new VBox(8);
    private final Duration visibleFor;

    /** Adds its layer to {@code host} (a StackPane over the window's content). */
    public Toasts(StackPane host, Duration visibleFor) {
        this.visibleFor = visibleFor;
        stack.setId("toastStack");
        stack.setAlignment(Pos.BOTTOM_RIGHT);
        stack.setPadding(new Insets(16));
        stack.setPickOnBounds(false);
        stack.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        StackPane.setAlignment(stack, Pos.BOTTOM_RIGHT);
        host.getChildren().add(stack);
    }

    public void show(String message, Notice kind) {
        AppIcon icon = switch (kind) {
            case SUCCESS -> AppIcon.SUCCESS;
            case WARNING -> AppIcon.WARNING;
            case ERROR -> AppIcon.ERROR;
            case INFO -> AppIcon.INFO;
        };
        Notification n = new Notification(message, icon.node());
        n.getStyleClass().addAll(Styles.ELEVATED_1, "toast");
        switch (kind) {
            case SUCCESS -> n.getStyleClass().add(Styles.SUCCESS);
            case WARNING -> n.getStyleClass().add(Styles.WARNING);
            case ERROR -> n.getStyleClass().add(Styles.DANGER);
            case INFO -> n.getStyleClass().add(Styles.ACCENT);
        }
        n.setPrefWidth(360);
        n.setMaxWidth(360);
        n.setOnClose(e -> stack.getChildren().remove(n));
        stack.getChildren().add(n);
        PauseTransition pause = new PauseTransition(visibleFor);
        pause.setOnFinished(e -> stack.getChildren().remove(n));
        pause.play();
    }

    /** The messages on screen now, oldest first (for tests). */
    public java.util.List<String> visibleMessages() {
        return stack.getChildren().stream().map(n -> ((Notification) n).getMessage()).toList();
    }
}
