package dev.hoglink.ui.theme;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Application;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Scene;

/**
 * Applies the AtlantaFX Primer theme (light or dark; the app's trimmed copy, see {@link ThemeTrim}) as the user-agent stylesheet, attaches {@code app.css}
 * to each scene, switches at runtime and remembers the choice through the given callback.
 */
public final class ThemeManager {

    /** The two themes. */
    public enum Theme {
        LIGHT, DARK;

        public static Theme parse(String s) {
            return "dark".equalsIgnoreCase(s) ? DARK : LIGHT;
        }

        public String id() {
            return this == DARK ? "dark" : "light";
        }
    }

    static final String APP_CSS = "/dev/hoglink/ui/theme/app.css";

    private final ReadOnlyObjectWrapper<Theme> theme = new ReadOnlyObjectWrapper<>(Theme.LIGHT);
    private final Consumer<Theme> remember;

    public ThemeManager(Consumer<Theme> remember) {
        this.remember = Objects.requireNonNull(remember);
    }

    public ReadOnlyObjectProperty<Theme> themeProperty() {
        return theme.getReadOnlyProperty();
    }

    public Theme theme() {
        return theme.get();
    }

    /** Applies a theme without saving it (start-up). */
    public void apply(Theme t) {
        Application.setUserAgentStylesheet(stylesheet(t));
        theme.set(t);
    }

    /**
     * The theme's user-agent stylesheet: the app's binary copy of AtlantaFX's Primer without the rules of controls
     * the app never creates ({@link ThemeTrim}, made by the build), else AtlantaFX's own.
     */
    static String stylesheet(Theme t) {
        java.net.URL trimmed = ThemeManager.class.getResource(
                "/" + ThemeTrim.RESOURCE_DIR + (t == Theme.DARK ? "primer-dark" : "primer-light") + ".bss");
        if (trimmed != null) {
            return trimmed.toExternalForm();
        }
        return t == Theme.DARK ? new PrimerDark().getUserAgentStylesheet() : new PrimerLight().getUserAgentStylesheet();
    }

    /** Switches theme and remembers the choice. */
    public void select(Theme t) {
        apply(t);
        remember.accept(t);
    }

    public void toggle() {
        select(theme() == Theme.DARK ? Theme.LIGHT : Theme.DARK);
    }

    /** Adds the app-wide stylesheet (tokens and shared classes) to a scene. */
    public void register(Scene scene) {
        addAppStylesheet(scene);
    }

    /**
     * Adds the app-wide stylesheet to a scene. The theme itself is the user-agent stylesheet, so every window
     * follows it without registering anywhere.
     */
    public static void addAppStylesheet(Scene scene) {
        String css = Objects.requireNonNull(ThemeManager.class.getResource(APP_CSS), APP_CSS).toExternalForm();
        if (!scene.getStylesheets().contains(css)) {
            scene.getStylesheets().add(css);
        }
    }
}
