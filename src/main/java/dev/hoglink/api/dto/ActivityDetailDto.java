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

    /** {@code trigger.payload.event} (e.g. {@code link_completed}), or null. */
    public String githubEvent() {
        if (trigger == null || !trigger.isObject()) {
            return null;
        }
        JsonNode event = trigger.path("payload").path("event");
        return event.isTextual() ? event.asText() : null;
    }
}
