package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** A team's activity log (N2): filters, newest first, cursor pagination with absolute links. */
final class ActivityLogHandler {

    private final Gate gate;

    ActivityLogHandler(Gate gate) {
        this.gate = gate;
    }

    Response list(World w, Exchange ex) {
        World.Team t = gate.teamUnthrottled(w, ex);
        Gate.requireMethod(ex, "GET");
        String scope = ex.query.get("scope");
        requirePaidPlan(w, ex, t, scope);
        gate.throttle(ex);
        String itemId = ex.query.get("item_id");
        String userFilter = ex.query.get("user");
        java.time.Instant since = lookback(w, t, gate.now());
        List<World.ActivityRow> rows = w.activity.stream().filter(r -> inLogOf(r, t))
                .filter(r -> since == null || !World.instant(r.createdAt).isBefore(since))
                .filter(r -> scope == null || scope.isEmpty() || scope.equals(r.scope))
                .filter(r -> itemId == null || itemId.isEmpty() || itemId.equals(r.itemId))
                .filter(r -> userFilter == null || userFilter.isEmpty()
                        || (r.userId != null && userFilter.equals(String.valueOf(r.userId))))
                // PostHog's ("-created_at", "-id") (advanced_activity_logs/viewset.py activity_log_ordering, NK1). By
                // time, not by text: an instant on a whole second prints without its fraction ("…:01Z" after
                // "…:01.120Z"); ids are UUIDTs of one width, so their text orders as their value.
                .sorted(Comparator.comparing((World.ActivityRow r) -> World.instant(r.createdAt)).reversed()
                        .thenComparing(Comparator.comparing((World.ActivityRow r) -> r.id).reversed()))
                .toList();
        int pageSize = pageSize(ex);
        // Cursor: base64 of "p=<seq>" (rows after that position) or "r=1&p=<seq>" (the page before it).
        String cursor = ex.query.get("cursor");
        int from = 0;
        int to;
        if (cursor != null && !cursor.isEmpty()) {
            Map<String, String> c = decodeCursor(cursor);
            long p = Long.parseLong(c.get("p"));
            int idx = indexAfter(rows, p);
            if ("1".equals(c.get("r"))) {
                int end = indexOf(rows, p);
                to = end;
                from = Math.max(0, end - pageSize);
            } else {
                from = idx;
                to = Math.min(rows.size(), from + pageSize);
            }
        } else {
            to = Math.min(rows.size(), pageSize);
        }
        List<World.ActivityRow> page = rows.subList(from, to);
        ObjectNode n = JsonViews.json();
        if (to < rows.size() && !page.isEmpty()) {
            n.put("next", Paging.withQuery(ex, Map.of("cursor", encodeCursor("p=" + page.get(page.size() - 1).seq))));
        } else {
            n.putNull("next");
        }
        if (from > 0 && !page.isEmpty()) {
            n.put("previous", Paging.withQuery(ex, Map.of("cursor", encodeCursor("r=1&p=" + page.get(0).seq))));
        } else {
            n.putNull("previous");
        }
        ArrayNode results = n.putArray("results");
        for (World.ActivityRow r : page) {
            results.add(JsonViews.activityJson(w, r));
        }
        return Response.json(200, n);
    }

    /**
     * Whether {@code r} is in team {@code t}'s log (apply_organization_scoped_filter in
     * posthog/api/advanced_activity_logs/viewset.py): its own rows, and its organization's rows of no team when the
     * team receives organization-level activity (NF6, NL3).
     */
    static boolean inLogOf(World.ActivityRow r, World.Team t) {
        if (r.teamId != null) {
            return r.teamId == t.id;
        }
        return t.receiveOrgLevelActivityLogs && t.orgId.equals(r.organizationId);
    }

    /**
     * PostHog Cloud's paywall on the activity log (premium_feature_on_cloud = audit_logs): an organization
     * without the feature gets 402, unless the request is narrowed to the always-free scopes.
     */
    private static void requirePaidPlan(World w, Exchange ex, World.Team t, String scope) {
        boolean exempt = scope != null && BILLING_EXEMPT_SCOPES.contains(scope);
        boolean paid = w.org(t.orgId).map(o -> o.hasFeature(World.AUDIT_LOGS)).orElse(true);
        if (!exempt && !paid) {
            throw ApiError.paymentRequired("Audit logs requires a paid PostHog plan. Please upgrade to access this feature.");
        }
    }

    /**
     * The oldest row the organization's plan lets PostHog show (get_activity_log_lookback_restriction): the
     * audit_logs entry's limit in days, months of 30 days or years of 365; none without a stated window.
     */
    static java.time.Instant lookback(World w, World.Team t, java.time.Instant now) {
        World.Org o = w.org(t.orgId).orElse(null);
        if (o == null || !o.hasFeature(World.AUDIT_LOGS) || o.auditLogsLimit == null || o.auditLogsUnit == null) {
            return null;
        }
        long days = switch (o.auditLogsUnit.toLowerCase(java.util.Locale.ROOT)) {
            case "day", "days" -> o.auditLogsLimit;
            case "month", "months" -> o.auditLogsLimit * 30L;
            case "year", "years" -> o.auditLogsLimit * 365L;
            default -> -1;
        };
        return days < 0 ? null : now.minus(java.time.Duration.ofDays(days));
    }

    /** Scopes whose history stays free on every plan (posthog/api/advanced_activity_logs/constants.py). */
    static final java.util.Set<String> BILLING_EXEMPT_SCOPES = java.util.Set.of("FeatureFlag", "Experiment");

    /** DRF's page_size_query_param with max_page_size 1000; a missing or unusable value is the default 100. */
    static int pageSize(Exchange ex) {
        String raw = ex.query.get("page_size");
        if (raw == null || raw.isBlank()) {
            return Paging.PAGE_SIZE;
        }
        try {
            int n = Integer.parseInt(raw.trim());
            return n > 0 ? Math.min(n, MAX_PAGE_SIZE) : Paging.PAGE_SIZE;
        } catch (NumberFormatException e) {
            return Paging.PAGE_SIZE;
        }
    }

    static final int MAX_PAGE_SIZE = 1000;

    private static int indexAfter(List<World.ActivityRow> rows, long seq) {
        int i = indexOf(rows, seq);
        return i < rows.size() ? i + 1 : i;
    }

    private static int indexOf(List<World.ActivityRow> rows, long seq) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).seq == seq) {
                return i;
            }
        }
        return rows.size();
    }

    private static String encodeCursor(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> decodeCursor(String cursor) {
        try {
            Map<String, String> m = Exchange.parseForm(new String(Base64.getUrlDecoder().decode(cursor),
                    StandardCharsets.UTF_8));
            Long.parseLong(m.get("p"));
            return m;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiError.notFound("Invalid cursor");
        }
    }
}
