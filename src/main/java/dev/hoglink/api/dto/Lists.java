package dev.hoglink.api.dto;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Null-tolerant list copies for DTO records: a missing list becomes empty, null elements are dropped. */
final class Lists {

    private Lists() {
    }

    static <T> List<T> copy(List<T> in) {
        if (in == null || in.isEmpty()) {
            return List.of();
        }
        List<T> out = new ArrayList<>(in.size());
        for (T t : in) {
            if (t != null) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }
}
