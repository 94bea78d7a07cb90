package dev.hoglink.service.link;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * PostHog's refusal to delete an integration that is in use (posthog/api/integration.py, docs/api-notes.md N6,
 * N15), read as a plain list: one line per kind of user (workflows, data pipelines, batch exports, background
 * agent runs) with its names, and PostHog's advice after it. A text of another shape is kept as it is.
 */
final class InUse {

    private static final String LEAD = "This integration is used by ";
    private static final Pattern GROUP_START = Pattern.compile(
            " and (?=(?:active workflows|enabled data pipelines|batch exports|workflows|data pipelines|"
                    + "hog functions|destinations): )");
    private static final Pattern AGENTS = Pattern.compile(
            "This GitHub integration is being used by (\\d+) in-progress background agent runs?\\.\\s*(.*)",
            Pattern.DOTALL);

    private InUse() {
    }

    /** Whether PostHog's text is such a refusal. */
    static boolean matches(String detail) {
        return detail.startsWith(LEAD) || AGENTS.matcher(detail).matches();
    }

    /** The users, one per line ("active workflows: A, B"), then PostHog's advice; the text itself if unknown. */
    static String plain(String detail) {
        Matcher agents = AGENTS.matcher(detail);
        if (agents.matches()) {
            int n = Integer.parseInt(agents.group(1));
            return "  • " + n + " background agent run" + (n == 1 ? "" : "s") + " in progress\n" + agents.group(2);
        }
        if (!detail.startsWith(LEAD)) {
            return detail;
        }
        String rest = detail.substring(LEAD.length());
        int end = rest.indexOf(". Update ");
        String list = end < 0 ? rest : rest.substring(0, end);
        String advice = end < 0 ? "" : rest.substring(end + 2);
        List<String> lines = new ArrayList<>();
        for (String group : GROUP_START.split(list)) {
            lines.add("  • " + group.strip());
        }
        return String.join("\n", lines) + (advice.isEmpty() ? "" : "\n" + advice);
    }
}
