package dev.hoglink.api.dto;

import java.util.LinkedHashMap;
import java.util.Map;

final class Maps {

    private Maps() {
    }

    static <K, V> Map<K, V> withoutNulls(Map<K, V> in) {
        Map<K, V> out = new LinkedHashMap<>();
        in.forEach((k, v) -> {
            if (k != null && v != null) {
                out.put(k, v);
            }
        });
        return out;
    }
}
