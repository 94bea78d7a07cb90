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

    /**
     * {@code GET /api/projects/{id}/}: posthog/api/project.py {@code ProjectSerializer}, its {@code Meta.fields} in order
     * (docs/api-notes.md NN3): the project's own id, name and dates, the rest passed through from its main team; no
     * {@code project_id} nor {@code organization_id}. What the sandbox does not model is PostHog's default for a new
     * project.
     */
    static ObjectNode projectDetail(World w, Exchange ex, World.Team t) {
        ObjectNode n = json();
        n.put("id", t.id);
        n.put("organization", t.orgId);
        n.put("name", t.name);
        n.putNull("product_description");
        n.put("created_at", t.createdAt);
        putLevel(n, w, ex, t);
        n.put("has_group_types", false);
        n.putArray("group_types");
        n.putNull("live_events_token");
        n.put("updated_at", t.createdAt);
        n.put("uuid", t.uuid);
        n.put("api_token", t.apiToken);
        teamSettings(n, t);
        n.put("access_control", false);
        n.putNull("week_start_day");
        n.putNull("primary_dashboard");
        n.putNull("live_events_columns");
        n.putNull("recording_domains");
        n.put("person_on_events_querying_enabled", true);
        n.put("inject_web_apps", false);
        n.putNull("extra_settings");
        n.putNull("modifiers");
        n.putObject("default_modifiers").put("personsOnEventsMode", "person_id_override_properties_joined");
        n.putObject("has_completed_onboarding_for");
        n.putNull("surveys_opt_in");
        n.putNull("heatmaps_opt_in");
        n.putArray("product_intents");
        n.put("flags_persistence_default", false);
        n.putNull("secret_api_token");
        n.putNull("secret_api_token_backup");
        return n;
    }

    /**
     * {@code GET /api/environments/{id}/}: posthog/api/team/team_serializer.py {@code TeamSerializer}, its
     * {@code Meta.fields} in order (docs/api-notes.md NN3), with {@code project_id} and the user's level on this team
     * ({@code effective_membership_level}, and {@code user_access_level} as the access control mixin words it).
     */
    static ObjectNode environmentDetail(World w, Exchange ex, World.Team t) {
        ObjectNode n = json();
        n.put("id", t.id);
        n.put("uuid", t.uuid);
        n.put("name", t.name);
        n.put("access_control", false);
        n.put("organization", t.orgId);
        n.put("project_id", t.projectId());
        n.put("api_token", t.apiToken);
        n.putNull("secret_api_token");
        n.putNull("secret_api_token_backup");
        n.put("created_at", t.createdAt);
        n.put("updated_at", t.createdAt);
        n.put("ingested_event", true);
        n.putObject("default_modifiers").put("personsOnEventsMode", "person_id_override_properties_joined");
        n.put("person_on_events_querying_enabled", true);
        int level = w.projectLevel(ex.user.id, t);
        if (level < 0) {
            n.putNull("user_access_level");
        } else {
            n.put("user_access_level", level >= 8 ? "admin" : "member");
        }
        ObjectNode settings = json();
        teamSettings(settings, t);
        settings.remove("ingested_event");
        n.setAll(settings);
        n.putNull("week_start_day");
        n.putNull("primary_dashboard");
        n.putNull("live_events_columns");
        n.putNull("recording_domains");
        n.put("inject_web_apps", false);
        n.putNull("extra_settings");
        n.putNull("modifiers");
        n.putObject("has_completed_onboarding_for");
        n.putNull("surveys_opt_in");
        n.putNull("heatmaps_opt_in");
        n.put("flags_persistence_default", false);
        putLevel(n, w, ex, t);
        n.put("has_group_types", false);
        n.putArray("group_types");
        n.putNull("live_events_token");
        n.putArray("product_intents");
        n.putObject("managed_viewsets");
        n.putArray("available_setup_task_ids");
        n.put("event_retention_months", 84);
        n.put("events_retention_enforced", false);
        return n;
    }

    /** The user's level on the team: PostHog's {@code effective_membership_level}, null for no access. */
    private static void putLevel(ObjectNode n, World w, Exchange ex, World.Team t) {
        int level = w.projectLevel(ex.user.id, t);
        if (level < 0) {
            n.putNull("effective_membership_level");
        } else {
            n.put("effective_membership_level", level);
        }
    }

    /** The team settings both details share, in their order there, at a new team's defaults. */
    private static void teamSettings(ObjectNode n, World.Team t) {
        n.putArray("app_urls");
        n.putNull("slack_incoming_webhook");
        n.put("anonymize_ips", false);
        n.put("completed_snippet_onboarding", true);
        n.put("ingested_event", true);
        n.putArray("test_account_filters");
        n.put("test_account_filters_default_checked", false);
        n.putArray("path_cleaning_filters");
        n.put("is_demo", false);
        n.put("timezone", t.timezone);
        n.putArray("data_attributes").add("data-attr");
        n.putNull("person_display_name_properties");
        n.putObject("correlation_config");
        n.put("autocapture_opt_out", false);
        n.putNull("autocapture_exceptions_opt_in");
        n.putNull("autocapture_web_vitals_opt_in");
        n.putNull("autocapture_web_vitals_allowed_metrics");
        n.putNull("autocapture_exceptions_errors_to_ignore");
        n.put("capture_console_log_opt_in", true);
        n.put("capture_performance_opt_in", true);
        n.put("session_recording_opt_in", false);
        n.putNull("session_recording_sample_rate");
        n.putNull("session_recording_minimum_duration_milliseconds");
        n.putNull("session_recording_linked_flag");
        n.putNull("session_recording_network_payload_capture_config");
        n.putNull("session_recording_masking_config");
        n.putNull("session_replay_config");
        n.putNull("survey_config");
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
