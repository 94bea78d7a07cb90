package dev.hoglink.ui.common;

import javafx.fxml.FXML;
import javafx.scene.control.Label;

/** A minimal view ({@code Probe.fxml}) for testing how windows open. */
public final class ProbeView {
    @FXML private Label probeLabel;

    public Label label() {
        return probeLabel;
    }
}
