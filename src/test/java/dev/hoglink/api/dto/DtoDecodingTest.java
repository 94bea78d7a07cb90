package dev.hoglink.api.dto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.api.PostHogClient;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DtoDecodingTest {

    private final ObjectMapper mapper = PostHogClient.newObjectMapper();

    private String installationId(String json) throws Exception {
        return mapper.readValue("{\"installation_id\": " + json + "}", AvailableInstallationDto.class).installationId();
    }

    @Test
    void installationIdIsNormalisedFromStringIntegerOrWholeFloat() throws Exception {
        assertEquals("12345678", installationId("\"12345678\""));
        assertEquals("12345678", installationId("\" 12345678 \""));
        assertEquals("12345678", installationId("12345678"));
        assertEquals("12345678", installationId("12345678.0"));
        assertEquals("98765432109876543210", installationId("98765432109876543210"));
        assertNull(installationId("\"\""));
        assertNull(installationId("null"));
    }

    @Test
    void installationIdWithAHugeExponentIsRejectedAtOnceNotExpanded() {
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            assertThrows(Exception.class, () -> installationId("1e999999999"));
            assertThrows(Exception.class, () -> installationId("-1E+2147483647"));
            assertThrows(Exception.class, () -> installationId("1E-999999999"));
            assertEquals("1" + "0".repeat(99), installationId("1e99"));
            // other fields of the same records deal with such numbers quickly too (a date reads as some instant)
            assertThrows(Exception.class, () -> mapper.readValue("{\"source_team_id\": 1e999999999}",
                    AvailableInstallationDto.class));
            mapper.readValue("{\"discovered_at\": 1e999999999}", AvailableInstallationsDto.class);
        });
    }

    @Test
    void installationIdAsObjectOrArrayIsRejected() {
        assertThrows(Exception.class, () -> installationId("{}"));
        assertThrows(Exception.class, () -> installationId("[1]"));
    }

    @Test
    void nullListsAndNullElementsBecomeCleanLists() throws Exception {
        AvailableInstallationsDto a = mapper.readValue("{\"installations\": [null, {\"installation_id\": 1}]}",
                AvailableInstallationsDto.class);
        assertEquals(1, a.installations().size());
        PersonalApiKeyDto k = mapper.readValue("{\"scopes\": null}", PersonalApiKeyDto.class);
        assertEquals(List.of(), k.scopes());
        assertFalse(k.allows("integration:read"));
    }

    @Test
    void keyValueFromTheServerIsNeverKept() throws Exception {
        PersonalApiKeyDto k = mapper.readValue("{\"value\": \"phx_should_not_be_kept_123456\", \"scopes\": [\"*\"]}",
                PersonalApiKeyDto.class);
        assertFalse(k.toString().contains("phx_should_not_be_kept"), k.toString());
        assertTrue(k.allows("integration:write"));
    }

    @Test
    void linkRequestSerialisesOnlyNonNullFieldsInSnakeCase() throws Exception {
        assertEquals("{\"source_team_id\":101}", mapper.writeValueAsString(LinkExistingRequest.ofSourceProject(101, null, null)));
        assertEquals("{}", mapper.writeValueAsString(new LinkExistingRequest(null, null, null)));
    }

    @Test
    void integrationWithoutErrorsFieldHasEmptyErrors() throws Exception {
        IntegrationDto i = mapper.readValue("{\"id\": 1, \"errors\": null}", IntegrationDto.class);
        assertEquals("", i.errors());
        assertNull(i.installationId());
    }
}
