package dev.hoglink.cli;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Project;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code --projects}: all, not-connected, ids:101,102,110-120, or name:TEXT (a case-insensitive part of the name as
 * Hoglink shows it: an environment matches by its own name or by its project's, each read whole, as the window and
 * the exports name it apart, never by a "Project / Environment" form shown nowhere).
 */
record ProjectFilter(String kind, Set<Long> ids, String text) {

    static ProjectFilter parse(String s) {
        String v = s.strip();
        if (v.equals("all") || v.equals("not-connected")) {
            return new ProjectFilter(v, Set.of(), "");
        }
        if (v.startsWith("name:") && v.length() > 5) {
            return new ProjectFilter("name", Set.of(), v.substring(5).toLowerCase(Locale.ROOT));
        }
        if (v.startsWith("ids:")) {
            Set<Long> ids = new HashSet<>();
            for (String part : v.substring(4).split(",")) {
                String p = part.strip();
                if (p.matches("\\d{1,18}")) {
                    ids.add(Long.parseLong(p));
                } else if (p.matches("\\d{1,18}-\\d{1,18}")) {
                    long a = Long.parseLong(p.substring(0, p.indexOf('-')));
                    long b = Long.parseLong(p.substring(p.indexOf('-') + 1));
                    if (b < a || b - a > 100_000) {
                        throw new IllegalArgumentException("--projects range '" + p + "' is not low-high");
                    }
                    for (long i = a; i <= b; i++) {
                        ids.add(i);
                    }
                } else {
                    throw new IllegalArgumentException("--projects ids: takes numbers and ranges, not '" + p + "'");
                }
            }
            return new ProjectFilter("ids", ids, "");
        }
        throw new IllegalArgumentException("--projects is all, not-connected, ids:LIST or name:TEXT");
    }

    /** Whether the project's GitHub rows decide (not-connected); otherwise only matching projects are read. */
    boolean needsLinks() {
        return kind.equals("not-connected");
    }

    boolean matchesWithoutLinks(Project p) {
        return switch (kind) {
            case "ids" -> ids.contains(p.id());
            case "name" -> contains(p.ownName()) || contains(p.parentName());
            default -> true;
        };
    }

    private boolean contains(String name) {
        return name != null && name.toLowerCase(Locale.ROOT).contains(text);
    }

    boolean matches(Project p, List<GitHubLink> links) {
        return kind.equals("not-connected") ? links.isEmpty() : matchesWithoutLinks(p);
    }
}
