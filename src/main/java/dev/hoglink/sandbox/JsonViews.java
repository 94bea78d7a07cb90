package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** PostHog's serializers for the sandbox's records: basic and full user, organization, team, integration. */
final class JsonViews {

    private JsonViews() {
    }

    static ObjectNode json() {
        return SandboxState.MAPPER.createObjectNode();
    }

    static ObjectNode basicUser(World.User u) {
        ObjectNode n = json();
        n.put("id", u.id);
        n.put("uuid", u.uuid);
        n.put("distinct_id", u.distinctId);
        n.put("first_name", u.firstName);
        n.put("last_name", u.lastName);
        n.put("email", u.email);
        n.put("is_email_verified", true);
        n.putNull("hedgehog_config");
        n.putNull("role_at_organization");
        return n;
    }

    static ObjectNode basicOrg(World w, World.User u, World.Org o) {
        ObjectNode n = json();
        n.put("id", o.id);
        n.put("name", o.name);
        n.put("slug", o.slug);
        n.putNull("logo_media_id");
        n.put("membership_level", w.orgLevel(u.id, o.id));
        n.put("members_can_use_personal_api_keys", o.membersCanUsePersonalApiKeys);
        n.put("is_active", true);
        n.putNull("is_not_active_reason");
        n.put("is_pending_deletion", false);
        return n;
    }

    /**
     * posthog/api/organization.py {@code OrganizationSerializer} (its {@code Meta.fields}, commit ed258aef): the list
     * items and the detail. Unlike {@link #basicOrg} it has no {@code is_active}, {@code is_not_active_reason} or
     * {@code is_pending_deletion} (docs/api-notes.md NN1).
     */
    static ObjectNode fullOrg(World w, Exchange ex, World.Org o) {
        ObjectNode n = json();
        n.put("id", o.id);
        n.put("name", o.name);
        n.put("slug", o.slug);
        n.putNull("logo_media_id");
        n.put("created_at", o.createdAt);
        n.put("updated_at", o.createdAt);
        n.put("membership_level", w.orgLevel(ex.user.id, o.id));
        n.put("plugins_access_level", 9);
        ArrayNode teams = n.putArray("teams");
        ArrayNode projects = n.putArray("projects");
        for (World.Team t : Gate.visibleTeams(w, ex, o.id)) {
            teams.add(basicTeam(w, t));
        }
        for (World.Team p : Gate.visibleProjects(w, ex, o.id)) {
            projects.addObject().put("id", p.id).put("organization_id", o.id).put("name", p.name);
        }
        // billing's entries (posthog/models/organization.py ProductFeature): every key, unit and limit null unless the
        // feature is counted
        ArrayNode features = n.putArray("available_product_features");
        for (String key : o.features()) {
            ObjectNode f = features.addObject().put("key", key).put("name", featureName(key)).put("description", "");
            if (World.AUDIT_LOGS.equals(key)) {
                f.put("unit", o.auditLogsUnit);
                f.put("limit", o.auditLogsLimit);
            } else {
                f.putNull("unit");
                f.putNull("limit");
            }
            f.putNull("note");
            f.put("is_plan_default", true);
        }
        n.put("is_member_join_email_enabled", true);
        n.putObject("metadata").put("instance_tag", "none"); // get_metadata: settings.INSTANCE_TAG, "none" unset
        n.putNull("customer_id");
        n.putNull("enforce_2fa");
        n.put("members_can_invite", true);
        n.put("members_can_use_personal_api_keys", o.membersCanUsePersonalApiKeys);
        n.put("allow_publicly_shared_resources", true);
        n.put("member_count", (int) w.memberships.stream().filter(m -> m.orgId.equals(o.id)).count());
        n.putNull("is_ai_data_processing_approved");
        n.put("default_experiment_stats_method", "bayesian");
        n.putNull("default_role_id");
        return n;
    }

    /** A feature key as billing names it: {@code audit_logs} is "Audit logs". */
    private static String featureName(String key) {
        String words = key.replace('_', ' ');
        return words.isEmpty() ? words : Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    static ObjectNode basicTeam(World w, World.Team t) {
        ObjectNode n = json();
        n.put("id", t.id);
        n.put("uuid", t.uuid);
        n.put("organization", t.orgId);
        n.put("project_id", t.projectId());
        n.put("api_token", t.apiToken);
        n.put("name", t.name);
        n.put("completed_snippet_onboarding", true);
        n.putObject("has_completed_onboarding_for");
        n.put("ingested_event", true);
        n.put("is_demo", false);
        n.put("timezone", t.timezone);
        n.put("access_control", false); // Team.access_control: the old per-project switch, off; rules decide now
        return n;
    }

    static ObjectNode fullTeam(World w, Exchange ex, World.Team t) {
        ObjectNode n = basicTeam(w, t);
        n.put("organization_id", t.orgId);
        n.put("created_at", t.createdAt);
        n.put("updated_at", t.createdAt);
        int level = w.projectLevel(ex.user.id, t); // TeamSerializer/ProjectSerializer: null for no access
        if (level < 0) {
            n.putNull("effective_membership_level");
        } else {
            n.put("effective_membership_level", level);
        }
        return n;
    }

    static ObjectNode integrationJson(World w, World.Integration i) {
        ObjectNode n = json();
        n.put("id", i.id);
        n.put("kind", i.kind);
        n.set("config", i.config == null ? json() : i.config.deepCopy());
        n.put("created_at", i.createdAt);
        Optional<World.User> by = i.createdById == null ? Optional.empty() : w.user(i.createdById);
        by.ifPresentOrElse(u -> n.set("created_by", basicUser(u)), () -> n.putNull("created_by"));
        n.put("errors", i.errors == null ? "" : i.errors);
        Optional<String> inst = "github".equals(i.kind) ? i.installationId() : Optional.empty();
        String display;
        if ("github".equals(i.kind)) {
            JsonNode account = i.config == null ? null : i.config.path("account");
            display = account != null && account.hasNonNull("name") ? account.get("name").asText() : inst.orElse("");
        } else {
            display = i.config == null ? "" : i.config.path("team").path("name").asText(i.kind);
        }
        n.put("display_name", display);
        n.put("files_write_requestable", false);
        // IntegrationSerializer.get_installation_shared: null for other kinds and for a GitHub row without an
        // installation id. get_installation_status: null for other kinds only, and otherwise what the row's config
        // records (World.Integration.markedUnavailable), "connected" until a mint has failed.
        if (inst.isPresent()) {
            boolean shared = w.integrations.stream().anyMatch(o -> o.id != i.id && "github".equals(o.kind)
                    && o.installationId().equals(inst));
            n.put("installation_shared", shared);
        } else {
            n.putNull("installation_shared");
        }
        if ("github".equals(i.kind)) {
            n.put("installation_status", i.installationStatusText());
        } else {
            n.putNull("installation_status");
        }
        return n;
    }

    static ObjectNode repoJson(World.Repo r) {
        ObjectNode o = json();
        o.put("id", r.id);
        o.put("name", r.name);
        o.put("full_name", r.fullName);
        o.put("private", r.isPrivate);
        o.put("default_branch", r.defaultBranch);
        o.put("language", r.language);
        o.put("pushed_at", r.pushedAt);
        o.put("archived", r.archived);
        o.put("can_push", r.canPush);
        return o;
    }

    static ObjectNode activityJson(World w, World.ActivityRow r) {
        ObjectNode o = json();
        o.put("id", r.id);
        Optional<World.User> u = r.userId == null ? Optional.empty() : w.user(r.userId);
        u.ifPresentOrElse(x -> o.set("user", basicUser(x)), () -> o.putNull("user"));
        o.put("activity", r.activity);
        o.put("scope", r.scope);
        o.put("item_id", r.itemId);
        o.set("detail", r.detail);
        o.put("created_at", r.createdAt);
        o.put("team_id", r.teamId); // ActivityLogSerializer sends every model field, null for an organization's row (NF6)
        o.put("organization_id", r.organizationId);
        o.put("was_impersonated", false);
        o.put("is_system", r.isSystem);
        o.put("unread", false);
        return o;
    }
}
