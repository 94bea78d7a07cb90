package dev.hoglink.ui.theme;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step (Maven's process-classes phase, exec-maven-plugin): writes the app's copies of AtlantaFX's Primer
 * themes, compiled to JavaFX's binary stylesheet form, without the rules of controls the app never creates.
 * <p>
 * JavaFX matches each new kind of node against every style-class set that ends a selector of the user-agent
 * stylesheet; with Primer's 1,230 selectors that matching was a quarter of the FX thread's time before the first
 * rows (packaging/README.md). A selector naming one of {@link #UNUSED} anywhere can only match inside or at such a
 * control, so leaving it out changes nothing on screen: ThemeTrimTest checks that no view, FXML or stylesheet of
 * the app names those controls or classes, and that these files are what this step makes of the library's.
 * {@link ThemeManager} falls back to AtlantaFX's own stylesheet when they are missing (a build without this step).
 */
public final class ThemeTrim {

    /**
     * Style-class families (the class itself or one starting with it and a hyphen) of controls the app never
     * creates: JavaFX's colour picker, tree views, slider, pagination, HTML editor, titled panes, choice box, split
     * menu button and menu bar, and AtlantaFX's toggle switch, popover, breadcrumbs, modal pane, BBCode, ring
     * progress, input group, deck pane and card; and the classes only XY charts (line, area, bar, scatter, bubble)
     * and their axes use: the audit's pie chart keeps {@code .chart}, {@code .chart-pie*}, its legend and colours.
     */
    static final Set<String> UNUSED = Set.of("color-picker", "color-palette", "custom-color-dialog",
            "tree-table-view", "tree-table-row-cell", "tree-table-cell", "tree-view", "tree-cell", "slider",
            "pagination", "html-editor", "accordion", "titled-pane", "choice-box",
            "split-menu-button", "menu-bar", "toggle-switch", "popover", "breadcrumbs", "modal-pane", "modal-box",
            "bb-code", "ring-progress-indicator", "input-group", "deck-pane", "card",
            "chart-series", "chart-line-symbol", "chart-area-symbol", "chart-bar", "chart-bubble", "chart-symbol",
            "chart-plot-background", "chart-vertical-grid-lines", "chart-horizontal-grid-lines", "chart-vertical-zero-line",
            "chart-horizontal-zero-line", "chart-alternative-column-fill", "chart-alternative-row-fill", "axis",
            "bar-legend-symbol", "area-legend-symbol", "bubble-legend-symbol");

    /** The themes the app uses, by AtlantaFX's file name. */
    static final List<String> THEMES = List.of("primer-light", "primer-dark");

    /** Where the app's copies are, on the class path. */
    static final String RESOURCE_DIR = "dev/hoglink/ui/theme/";

    private static final Pattern STYLE_CLASS = Pattern.compile("\\.([-_a-zA-Z0-9]+)");

    private ThemeTrim() {
    }

    /** {@code args[0]}: the class output folder the binary stylesheets go into. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ThemeTrim <classes folder>");
        }
        Path dir = Files.createDirectories(Path.of(args[0]).resolve(RESOURCE_DIR));
        for (String theme : THEMES) {
            write(atlantafxCss(theme), dir.resolve(theme + ".bss"));
        }
    }

    /** AtlantaFX's own stylesheet of {@code theme}, from the class path. */
    static String atlantafxCss(String theme) throws IOException {
        String name = "/atlantafx/base/theme/" + theme + ".css";
        try (InputStream in = ThemeTrim.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException(name + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * Writes {@code css}, trimmed, as a binary stylesheet at {@code bss}. JavaFX keeps the text's own location with
     * each url() value (the few kept are absolute class-path names, so it changes nothing); the text is written
     * under the binary's name in a temporary folder.
     */
    static void write(String css, Path bss) throws IOException {
        Path folder = Files.createTempDirectory("hoglink-theme");
        Path text = folder.resolve(bss.getFileName().toString().replaceAll("\\.bss$", "") + ".css");
        try {
            Files.writeString(text, trim(css));
            javafx.css.Stylesheet.convertToBinary(text.toFile(), bss.toFile());
        } finally {
            Files.deleteIfExists(text);
            Files.deleteIfExists(folder);
        }
    }

    /**
     * {@code css} without the selectors that name a style class of {@link #UNUSED}; a rule left with no selector
     * goes, a rule keeping some keeps its declarations as they were. Comments go too. Only plain rules are
     * understood (no at-rules, no nested blocks: AtlantaFX's compiled stylesheets have none); anything else fails.
     */
    static String trim(String css) {
        String text = css.replaceAll("(?s)/\\*.*?\\*/", "");
        StringBuilder out = new StringBuilder(text.length());
        int at = 0;
        while (true) {
            int open = text.indexOf('{', at);
            if (open < 0) {
                if (!text.substring(at).isBlank()) {
                    throw new IllegalArgumentException("text after the last rule: " + text.substring(at).trim());
                }
                return out.toString();
            }
            int close = text.indexOf('}', open);
            int nested = text.indexOf('{', open + 1);
            String prelude = text.substring(at, open).trim();
            if (close < 0 || (nested >= 0 && nested < close) || prelude.startsWith("@") || prelude.isEmpty()) {
                throw new IllegalArgumentException("not a plain rule: " + prelude);
            }
            List<String> kept = new ArrayList<>();
            for (String selector : prelude.split(",")) {
                if (!namesUnused(selector)) {
                    kept.add(selector.trim());
                }
            }
            if (!kept.isEmpty()) {
                out.append(String.join(",\n", kept)).append(" {").append(text, open + 1, close).append("}\n");
            }
            at = close + 1;
        }
    }

    /** Whether {@code selector} names a style class of an unused control's family. */
    static boolean namesUnused(String selector) {
        Matcher m = STYLE_CLASS.matcher(selector);
        while (m.find()) {
            String c = m.group(1);
            for (String family : UNUSED) {
                if (c.equals(family) || c.startsWith(family + "-")) {
                    return true;
                }
            }
        }
        return false;
    }
}
