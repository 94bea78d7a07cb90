package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** DRF's limit/offset pagination as PostHog configures it, and absolute {@code next}/{@code previous} links. */
final class Paging {

    /** PostHog's default page size (REST_FRAMEWORK PAGE_SIZE). */
    static final int PAGE_SIZE = 100;

    private Paging() {
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** DRF limit/offset pagination with PostHog's page size 100; next/previous keep the other parameters. */
    static ObjectNode paginate(Exchange ex, List<JsonNode> items) {
        return paginate(ex, items, Integer.MAX_VALUE);
    }

    /** As {@link #paginate(Exchange, List)} with DRF's {@code max_limit}: a larger {@code limit} is cut to it. */
    static ObjectNode paginate(Exchange ex, List<JsonNode> items, int maxLimit) {
        int limit = PAGE_SIZE;
        int offset = 0;
        try {
            String l = ex.query.get("limit");
            if (l != null && !l.isEmpty() && Integer.parseInt(l) > 0) {
                limit = Math.min(Integer.parseInt(l), maxLimit);
            }
            String o = ex.query.get("offset");
            if (o != null && !o.isEmpty() && Integer.parseInt(o) >= 0) {
                offset = Integer.parseInt(o);
            }
        } catch (NumberFormatException ignored) {
            // DRF falls back to the defaults on unparsable values
        }
        ObjectNode n = JsonViews.json();
        n.put("count", items.size());
        if (offset + limit < items.size()) {
            n.put("next", withQuery(ex, Map.of("limit", String.valueOf(limit), "offset", String.valueOf(offset + limit))));
        } else {
            n.putNull("next");
        }
        if (offset > 0) {
            Map<String, String> prev = new LinkedHashMap<>();
            prev.put("limit", String.valueOf(limit));
            if (offset - limit > 0) {
                prev.put("offset", String.valueOf(offset - limit));
            }
            n.put("previous", withQuery(ex, prev, offset - limit <= 0 ? "offset" : null));
        } else {
            n.putNull("previous");
        }
        ArrayNode results = n.putArray("results");
        items.stream().skip(offset).limit(limit).forEach(results::add);
        return n;
    }

    static String withQuery(Exchange ex, Map<String, String> set) {
        return withQuery(ex, set, null);
    }

    static String withQuery(Exchange ex, Map<String, String> set, String remove) {
        Map<String, String> q = new LinkedHashMap<>(ex.query);
        q.putAll(set);
        if (remove != null) {
            q.remove(remove);
        }
        q.remove("personal_api_key");
        String query = q.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return ex.origin + ex.path + (query.isEmpty() ? "" : "?" + query);
    }
}
