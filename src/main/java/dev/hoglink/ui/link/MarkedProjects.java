package dev.hoglink.ui.link;

import dev.hoglink.service.link.LinkPlanner;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The projects a bulk link can be about, as the main window marks them: the selected rows (a range with
 * Shift, single rows with Ctrl, or a set handed over by another window), every row in the current filter, and
 * every row not connected. Each with the GitHub rows the inventory holds, so the plan needs no extra request.
 */
public record MarkedProjects(Map<Scope, List<LinkPlanner.Target>> byScope) {

    /** Which projects the plan covers. */
    public enum Scope {
        SELECTED("Selected"), IN_FILTER("All in the current filter"), NOT_CONNECTED("All not connected");

        private final String label;

        Scope(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public MarkedProjects {
        Map<Scope, List<LinkPlanner.Target>> m = new EnumMap<>(Scope.class);
        for (Scope s : Scope.values()) {
            m.put(s, List.copyOf(byScope.getOrDefault(s, List.of())));
        }
        byScope = m;
    }

    public static MarkedProjects of(List<LinkPlanner.Target> selected, List<LinkPlanner.Target> inFilter,
                                    List<LinkPlanner.Target> notConnected) {
        return new MarkedProjects(Map.of(Scope.SELECTED, selected, Scope.IN_FILTER, inFilter,
                Scope.NOT_CONNECTED, notConnected));
    }

    public List<LinkPlanner.Target> get(Scope s) {
        return byScope.get(s);
    }

    /** "Selected (3)". */
    public String label(Scope s) {
        return s.label() + " (" + get(s).size() + ")";
    }
}
