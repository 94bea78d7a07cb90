package dev.hoglink.ui.common;

import dev.hoglink.model.ProjectState;
import java.util.Locale;

/**
 * The colour a GitHub state is shown in, wherever it shows: the projects table's status cell, the detail pane's
 * link cards, the audit's tiles, problem list, diagram and coverage chart. One place, so a token error is never
 * amber in the table and red in the audit.
 */
public enum StateTone {
    OK, WARN, BAD, MUTED;

    /** The tone of a state; null (still loading) is muted. */
    public static StateTone of(ProjectState state) {
        if (state == null) {
            return MUTED;
        }
        return switch (state) {
            case CONNECTED -> OK;
            case NOT_CONNECTED -> MUTED;
            case UNAVAILABLE, UNKNOWN -> BAD;
            case TOKEN_ERROR, NO_INSTALLATION -> WARN;
        };
    }

    /** "ok", "warn", "bad" or "muted": the audit's style classes and the table's pseudo-classes end so. */
    public String css() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The shared style class of app.css: "status-ok", "status-warn", "status-bad", "status-muted". */
    public String statusClass() {
        return "status-" + css();
    }
}
