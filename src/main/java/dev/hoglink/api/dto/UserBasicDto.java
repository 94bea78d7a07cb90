package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** PostHog's basic user ({@code created_by}, activity-log {@code user}). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserBasicDto(Long id, String uuid, String distinctId, String firstName, String lastName, String email) {

    /** "First Last", else the email, else "user #id". */
    public String displayName() {
        String name = ((firstName == null ? "" : firstName) + " " + (lastName == null ? "" : lastName)).trim();
        if (!name.isEmpty()) {
            return name;
        }
        return email != null && !email.isBlank() ? email : "user #" + id;
    }
}
