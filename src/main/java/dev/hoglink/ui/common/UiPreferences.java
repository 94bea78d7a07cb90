package dev.hoglink.ui.common;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the window remembers between runs: theme, size and position, split dividers, table columns and the
 * last organization per host. Mutable on purpose (one instance per run, saved on close).
 */
public final class UiPreferences {

    public String theme = "light";
    public Double windowX;
    public Double windowY;
    public double windowWidth = 1560;
    public double windowHeight = 940;
    public boolean maximized;
    /** Divider positions per SplitPane id. */
    public Map<String, double[]> dividers = new HashMap<>();
    /** Column order, widths and visibility per TableView id. */
    public Map<String, List<ColumnState>> columns = new HashMap<>();
    /** Last organization id per host. */
    public Map<String, String> lastOrganization = new HashMap<>();

    /** One table column, identified by its id. */
    public record ColumnState(String id, double width, boolean visible) {
    }
}
