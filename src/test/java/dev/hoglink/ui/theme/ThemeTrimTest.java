package dev.hoglink.ui.theme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javafx.css.Rule;
import javafx.css.Stylesheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app's Primer themes are AtlantaFX's less the rules of controls the app never creates: only those go, the
 * app names none of those controls or classes, and the built files are what the build step makes of the library's.
 */
class ThemeTrimTest {

    /** Each unused family's controls, as a view, FXML or stylesheet of the app would name them. */
    static final Map<String, String> CONTROLS = Map.ofEntries(
            Map.entry("color-picker", "ColorPicker"), Map.entry("color-palette", "ColorPicker"),
            Map.entry("custom-color-dialog", "ColorPicker"),
            Map.entry("tree-table-view", "TreeTable(View|Row|Cell|Column)"),
            Map.entry("tree-table-row-cell", "TreeTable(View|Row|Cell|Column)"),
            Map.entry("tree-table-cell", "TreeTable(View|Row|Cell|Column)"), Map.entry("tree-view", "Tree(View|Cell|Item)"),
            Map.entry("tree-cell", "Tree(View|Cell|Item)"), Map.entry("slider", "Slider"),
            Map.entry("pagination", "\\bPagination\\b"), Map.entry("html-editor", "HTMLEditor"),
            Map.entry("accordion", "Accordion"), Map.entry("titled-pane", "TitledPane"),
            Map.entry("choice-box", "ChoiceBox"), Map.entry("split-menu-button", "SplitMenuButton"),
            Map.entry("menu-bar", "MenuBar"), Map.entry("toggle-switch", "ToggleSwitch"),
            Map.entry("popover", "Pop[oO]ver"), Map.entry("breadcrumbs", "Breadcrumbs"),
            Map.entry("modal-pane", "Modal(Pane|Box)"), Map.entry("modal-box", "Modal(Pane|Box)"),
            Map.entry("bb-code", "BBCode"), Map.entry("ring-progress-indicator", "RingProgressIndicator"),
            Map.entry("input-group", "InputGroup"), Map.entry("deck-pane", "DeckPane"),
            Map.entry("card", "\\bCard\\b"), xy("chart-series"), xy("chart-line-symbol"), xy("chart-area-symbol"),
            xy("chart-bar"), xy("chart-bubble"), xy("chart-symbol"), xy("chart-plot-background"),
            xy("chart-vertical-grid-lines"), xy("chart-horizontal-grid-lines"), xy("chart-vertical-zero-line"),
            xy("chart-horizontal-zero-line"), xy("chart-alternative-column-fill"), xy("chart-alternative-row-fill"),
            xy("axis"), xy("bar-legend-symbol"), xy("area-legend-symbol"), xy("bubble-legend-symbol"));

    /** A class only XY charts and their axes use (a pie chart does not). */
    static Map.Entry<String, String> xy(String family) {
        return Map.entry(family, "(Line|Area|Bar|Scatter|Bubble|StackedArea|StackedBar|XY)Chart|(Number|Category|Value)Axis");
    }

    @TempDir
    Path dir;

    @Test
    void onlySelectorsNamingAnUnusedFamilyGoAndARuleKeepsItsDeclarations() {
        String css = """
                /* a comment { with braces } */
                .root { -color-a: #fff; }
                .button, .split-menu-button > .label, .tree-view .tree-cell:selected {
                    -fx-padding: 4px;
                }
                .slider .thumb, .slider-track { -fx-background-color: red; }
                .tab-pane > .tab-header-area, .card-header { -fx-padding: 0; }
                .cardinal, .table-view .column-header { -fx-text-fill: -color-a; }
                """;
        assertEquals("""
                .root { -color-a: #fff; }
                .button {
                    -fx-padding: 4px;
                }
                .tab-pane > .tab-header-area { -fx-padding: 0; }
                .cardinal,
                .table-view .column-header { -fx-text-fill: -color-a; }
                """, ThemeTrim.trim(css));
    }

    @Test
    void anythingButPlainRulesIsRefusedRatherThanGuessed() {
        assertThrows(IllegalArgumentException.class, () -> ThemeTrim.trim("@font-face { src: url(x.ttf); }"));
        assertThrows(IllegalArgumentException.class, () -> ThemeTrim.trim(".a { .b { -fx-x: 1; } }"));
        assertThrows(IllegalArgumentException.class, () -> ThemeTrim.trim(".a { -fx-x: 1; "));
        assertThrows(IllegalArgumentException.class, () -> ThemeTrim.trim(".a { -fx-x: 1; } .b"));
    }

    @Test
    void theBuiltThemesAreWhatTheStepMakesOfAtlantafxsAndHoldAllItKeeps() throws Exception {
        for (String theme : ThemeTrim.THEMES) {
            Path built = Path.of("target/classes", ThemeTrim.RESOURCE_DIR, theme + ".bss");
            assertTrue(Files.isRegularFile(built), built + " (made in process-classes by exec-maven-plugin)");
            Path again = dir.resolve(theme + ".bss");
            ThemeTrim.write(ThemeTrim.atlantafxCss(theme), again);
            // the same rules, declarations and values (url() values carry the text's temporary location)
            assertEquals(rules(Stylesheet.loadBinary(again.toUri().toURL())), rules(Stylesheet.loadBinary(built.toUri().toURL())), theme);

            Stylesheet original = new javafx.css.CssParser().parse(getClass().getResource("/atlantafx/base/theme/" + theme + ".css"));
            Stylesheet trimmed = Stylesheet.loadBinary(built.toUri().toURL());
            List<String> kept = selectors(trimmed);
            List<String> expected = new ArrayList<>();
            for (String s : selectors(original)) {
                if (!ThemeTrim.namesUnused(s)) {
                    expected.add(s);
                }
            }
            assertEquals(expected, kept, theme + ": every other selector, in its order");
            assertTrue(kept.size() < selectors(original).size() * 3 / 4,
                    theme + ": " + kept.size() + " of " + selectors(original).size() + " selectors kept");
        }
    }

    static List<String> rules(Stylesheet s) {
        return s.getRules().stream().map(r -> r.toString().replaceAll("file:[^\\s,)\\]]*?\\.css", "<text>")).toList();
    }

    static List<String> selectors(Stylesheet s) {
        List<String> out = new ArrayList<>();
        for (Rule r : s.getRules()) {
            r.getSelectors().forEach(sel -> out.add(sel.toString()));
        }
        return out;
    }

    @Test
    void theThemeManagerUsesTheTrimmedThemes() {
        assertTrue(ThemeManager.stylesheet(ThemeManager.Theme.LIGHT).endsWith(ThemeTrim.RESOURCE_DIR + "primer-light.bss"));
        assertTrue(ThemeManager.stylesheet(ThemeManager.Theme.DARK).endsWith(ThemeTrim.RESOURCE_DIR + "primer-dark.bss"));
    }

    @Test
    void theAppNamesNoneOfTheControlsOrClassesLeftOut() throws IOException {
        assertEquals(ThemeTrim.UNUSED, CONTROLS.keySet(), "each family left out names its controls here");
        List<String> found = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> s = Stream.concat(Files.walk(Path.of("src/main/java")), Files.walk(Path.of("src/main/resources")))) {
            files = s.filter(Files::isRegularFile).filter(p -> p.toString().matches(".*\\.(java|fxml|css)$"))
                    .filter(p -> !p.getFileName().toString().equals("ThemeTrim.java")).toList();
        }
        for (Path f : files) {
            String text = Files.readString(f);
            for (Map.Entry<String, String> e : CONTROLS.entrySet()) {
                if (Pattern.compile(e.getValue()).matcher(text).find()) {
                    found.add(f + " names a control of " + e.getKey());
                }
                // as a style class: ".x" in a stylesheet, "x" as a Java string, x in an FXML styleClass
                String c = Pattern.quote(e.getKey());
                String asClass = f.toString().endsWith(".css") ? "\\." + c + "(?![\\w-])"
                        : f.toString().endsWith(".fxml") ? "styleClass=\"[^\"]*(?<![\\w-])" + c + "(?![\\w-])" : "\"" + c + "\"";
                if (Pattern.compile(asClass).matcher(text).find()) {
                    found.add(f + " names the style class " + e.getKey());
                }
            }
        }
        assertTrue(found.isEmpty(), String.join("\n", found));
        assertFalse(files.isEmpty());
    }
}
