package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * An activity row's {@code detail}: PostHog's {@code Detail} dataclass as ActivityDetailEncoder writes it, its fields
 * only (docs/api-notes.md NL3). {@code changes}, {@code trigger} and {@code context} are free-form JSON;
 * for GitHub audit rows {@code trigger} is {@code {job_type: "github", job_id, payload: {event, …}}}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivityDetailDto(String name, String shortId, String type, JsonNode changes, JsonNode trigger,
        JsonNode context) {

    /** {@code trigger.payload} of a GitHub audit row; a missing node (every path missing too) when there is none. */
    public JsonNode payload() {
        return trigger == null || !trigger.isObject() ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : trigger.path("payload");
    }

    /** {@code trigger.payload.event} (e.g. {@code link_completed}), or null. */
    public String githubEvent() {
        JsonNode event = payload().path("event");
        return event.isTextual() ? event.asText() : null;
    }

    /**
     * A {@code link_completed} row's {@code linked_integration_id} as text (PostHog writes a number; text is read
     * too), or null (docs/api-notes.md NL2).
     */
    public String linkedIntegrationId() {
        JsonNode id = payload().path("linked_integration_id");
        return id.isIntegralNumber() || id.isTextual() ? id.asText() : null;
    }
}
