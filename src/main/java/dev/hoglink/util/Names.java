package dev.hoglink.util;

import java.util.List;

/** Names in a sentence: "Web", "Web and API", "Web, Mobile and API", "Web, Mobile, API and 4 more". */
public final class Names {

    private Names() {
    }

    public static String join(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() <= 4) {
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }
}
