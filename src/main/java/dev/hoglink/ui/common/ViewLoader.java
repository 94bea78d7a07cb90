package dev.hoglink.ui.common;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Objects;
import javafx.fxml.FXMLLoader;
import javafx.scene.Parent;

/**
 * Convention loading in the manner of afterburner.fx: {@code dev/hoglink/ui/inventory/InventoryView.java}
 * is the controller of {@code Inventory.fxml} in the same resource folder, and {@code Inventory.css} there,
 * if present, is attached to the loaded root. Controllers come from the injected {@link ControllerFactory}.
 * Tooltips declared as {@code <properties hoverTip="…"/>} are made on first hover ({@link HoverTip}).
 */
public final class ViewLoader {

    private final ControllerFactory controllers;

    public ViewLoader(ControllerFactory controllers) {
        this.controllers = Objects.requireNonNull(controllers);
    }

    /** A loaded view: its root node and its controller. */
    public record Loaded<V>(Parent root, V controller) {
    }

    public <V> Loaded<V> load(Class<V> viewClass) {
        String base = baseName(viewClass);
        URL fxml = viewClass.getResource(base + ".fxml");
        if (fxml == null) {
            throw new IllegalStateException("Missing " + base + ".fxml beside " + viewClass.getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setControllerFactory(controllers);
        Parent root = load(loader);
        URL css = viewClass.getResource(base + ".css");
        if (css != null) {
            root.getStylesheets().add(css.toExternalForm());
        }
        return new Loaded<>(root, viewClass.cast(loader.getController()));
    }

    /**
     * Loads a part of a view after the view itself (content it shows only later): {@code fxml}'s fields and handlers
     * are {@code controller}'s, and its hover tips are installed. FXML then calls the controller's
     * {@code initialize} again, with the part's fields set.
     */
    public static Parent loadPart(Object controller, URL fxml) {
        if (fxml == null) {
            throw new IllegalStateException("Missing the FXML of a part of " + controller.getClass().getName());
        }
        FXMLLoader loader = new FXMLLoader(fxml);
        loader.setController(controller);
        return load(loader);
    }

    /** Loads what {@code loader} is set up for and installs the hover tips it declares. */
    private static Parent load(FXMLLoader loader) {
        try {
            Parent root = loader.load();
            HoverTip.installDeclared(loader.getNamespace().values());
            return root;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot load " + loader.getLocation(), e);
        }
    }

    /** {@code InventoryView} → {@code Inventory}; a class not ending in View keeps its name. */
    static String baseName(Class<?> viewClass) {
        String n = viewClass.getSimpleName();
        return n.endsWith("View") && n.length() > 4 ? n.substring(0, n.length() - 4) : n;
    }
}
