package dev.hoglink.ui.common;

import javafx.stage.Stage;

/** A window opened by {@link DialogService#openWindow}: its view's controller and its stage. */
public record OpenWindow<V>(V view, Stage stage) {
}
