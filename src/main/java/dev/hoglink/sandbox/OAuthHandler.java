package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;

/**
 * The start of the team OAuth flow (E7, {@code integrations/github/oauth_authorize/}): a single-use state
 * for this user, team and installation, and GitHub's authorize URL carrying it. {@link GitHubOAuth} serves
 * the rest of the round trip.
 */
final class OAuthHandler {

    static final Duration STATE_TTL = Duration.ofMinutes(15);

    private final Gate gate;
    private final GitHubLinks links;
    private final Clock clock;

    OAuthHandler(Gate gate, GitHubLinks links, Clock clock) {
        this.gate = gate;
        this.links = links;
        this.clock = clock;
    }

    Response authorize(World w, Exchange ex) {
        World.Team team = gate.team(w, ex);
        Gate.requireMethod(ex, "POST");
        JsonNode body = ex.jsonObject();
        // github_oauth_authorize reads the raw body, not its serializer: str(value or ""), nothing trimmed.
        String installationId = rawBodyText(body.get("installation_id"));
        if (installationId.isEmpty()) {
            throw ApiError.validation("installation_id is required");
        }
        if (!GitHubHandler.INSTALLATION_ID.matcher(installationId).matches()) {
            throw ApiError.validation("Invalid installation_id");
        }
        String next = rawBodyText(body.get("next"));
        if (next != null && !next.isEmpty() && (!next.startsWith("/") || next.startsWith("//") || next.contains("\\"))) {
            throw ApiError.validation("next must be a relative path starting with /");
        }
        String connectFrom = "posthog_code".equals(body.path("connect_from").asText(null)) ? "posthog_code" : null;
        w.oauthStates.removeIf(s -> s.used || s.expiresAtMillis <= clock.millis());
        World.OAuthState st = new World.OAuthState();
        st.token = links.randomToken(48);
        st.userId = ex.user.id;
        st.teamId = team.id;
        st.installationId = installationId;
        st.next = next == null || next.isEmpty() ? null : next;
        st.connectFrom = connectFrom;
        st.expiresAtMillis = clock.millis() + STATE_TTL.toMillis();
        w.oauthStates.add(st);
        ex.user.pendingOAuthState = st.token;
        String url = ex.origin + "/login/oauth/authorize?client_id=" + Paging.enc(w.githubClientId)
                + "&redirect_uri=" + Paging.enc(ex.siteUrl + GitHubOAuth.CALLBACK_PATH)
                + "&state=" + Paging.enc("token=" + st.token);
        return Response.json(200, JsonViews.json().put("oauth_url", url));
    }

    /**
     * A body value as posthog/api/integration.py github_oauth_authorize reads it, {@code str(value or "")}: a missing
     * or falsy value (null, false, 0, "", an empty list or object) is empty; anything else is Python's text of it,
     * untrimmed ({@code true} reads "True", a list its repr), so only a plain digit string or integer can be valid.
     */
    static String rawBodyText(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode() || (v.isBoolean() && !v.asBoolean())
                || (v.isNumber() && v.decimalValue().signum() == 0) || (v.isTextual() && v.asText().isEmpty())
                || (v.isContainerNode() && v.isEmpty())) {
            return "";
        }
        if (v.isBoolean()) {
            return "True";
        }
        return v.isTextual() || v.isIntegralNumber() ? v.asText() : v.toString();
    }

    /**
     * {@code integrations/github/prepare_callback/} (posthog/api/integration.py github_prepare_callback): seeds a
     * {@code team_update} state for this user and team before the admin opens the installation's settings on
     * GitHub, so GitHub's {@code setup_action=update} return (which carries no state) is accepted. 204.
     */
    Response prepareCallback(World w, Exchange ex) {
        World.Team team = gate.team(w, ex);
        // Not kept at membership by IntegrationViewSet.dangerously_get_permissions, so IntegrationManagementPermission
        // (TeamMemberStrictManagementPermission) applies: any unsafe method needs project admin, checked before the
        // body is read or the method routed (posthog/api/integration.py, posthog/permissions.py; api-notes NI3).
        if (!ex.method.equals("GET") && !ex.method.equals("HEAD") && !ex.method.equals("OPTIONS")
                && w.projectLevel(ex.user.id, team) < World.LEVEL_ADMIN) {
            throw ApiError.denied("You don't have sufficient permissions in the project.");
        }
        Gate.requireMethod(ex, "POST");
        JsonNode body = ex.jsonObject();
        String next = body.hasNonNull("next") ? body.get("next").asText() : "";
        if (!next.isEmpty() && (!next.startsWith("/") || next.startsWith("//") || next.contains("\\"))) {
            throw ApiError.validation("next must be a relative path starting with /");
        }
        String installationId = body.hasNonNull("installation_id") ? body.get("installation_id").asText().trim() : "";
        if (!installationId.isEmpty() && !GitHubHandler.INSTALLATION_ID.matcher(installationId).matches()) {
            throw ApiError.validation("Invalid installation_id");
        }
        w.oauthStates.removeIf(s -> s.used || s.expiresAtMillis <= clock.millis());
        World.OAuthState st = new World.OAuthState();
        st.token = links.randomToken(66);
        st.flow = World.OAuthState.TEAM_UPDATE;
        st.userId = ex.user.id;
        st.teamId = team.id;
        st.installationId = installationId.isEmpty() ? null : installationId;
        st.next = next.isEmpty() ? null : next;
        st.expiresAtMillis = clock.millis() + STATE_TTL.toMillis();
        w.oauthStates.add(st);
        ex.user.pendingOAuthState = st.token;
        return Response.noContent();
    }
}
