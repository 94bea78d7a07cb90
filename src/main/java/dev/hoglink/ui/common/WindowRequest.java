package dev.hoglink.ui.common;

import java.util.Objects;
import java.util.function.Supplier;

/**
 * A feature window to open through {@link DialogService#openWindow}: its view (found by convention with its
 * FXML and CSS), the controller to use, its title, whether it blocks its owner, and its sizes.
 *
 * @param width  the first width, or 0 for the view's preferred width
 * @param height the first height, or 0 for the view's preferred height
 */
public record WindowRequest<V>(Class<V> view, Supplier<? extends V> controller, String title, boolean modal,
                               double minWidth, double minHeight, double width, double height) {

    public WindowRequest {
        Objects.requireNonNull(view, "view");
        Objects.requireNonNull(controller, "controller");
        title = title == null ? "" : title;
    }

    /** A modal window at its preferred size. */
    public static <V> WindowRequest<V> modal(Class<V> view, Supplier<? extends V> controller, String title) {
        return new WindowRequest<>(view, controller, title, true, 0, 0, 0, 0);
    }

    /** A window that leaves its owner usable, at its preferred size. */
    public static <V> WindowRequest<V> modeless(Class<V> view, Supplier<? extends V> controller, String title) {
        return new WindowRequest<>(view, controller, title, false, 0, 0, 0, 0);
    }

    public WindowRequest<V> withMinSize(double w, double h) {
        return new WindowRequest<>(view, controller, title, modal, w, h, width, height);
    }

    public WindowRequest<V> withSize(double w, double h) {
        return new WindowRequest<>(view, controller, title, modal, minWidth, minHeight, w, h);
    }
}
