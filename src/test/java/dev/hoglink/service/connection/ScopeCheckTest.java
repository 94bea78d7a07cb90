package dev.hoglink.service.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.connection.ScopeCheck.Needed;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ScopeCheckTest {

    private static List<String> scopes(String spaceSeparated) {
        return spaceSeparated.isBlank() ? List.of() : Arrays.asList(spaceSeparated.trim().split("\\s+"));
    }

    @ParameterizedTest(name = "[{0}] -> missing [{1}]")
    @CsvSource(delimiter = '|', value = {
        "*                                                                      | ''",
        "user:read organization:read project:read integration:write activity_log:read | ''",
        "user:write organization:write project:write integration:write activity_log:write | ''",
        "user:read organization:read project:read integration:read integration:write | activity_log:read",
        "user:read organization:read project:read integration:read             | integration:write activity_log:read",
        "user:read organization:read project:read                              | integration:read integration:write activity_log:read",
        "USER:READ Organization:Read project:read integration:write            | activity_log:read",
        "''                                                                     | user:read organization:read project:read integration:read integration:write activity_log:read",
        "feature_flag:write insight:read                                        | user:read organization:read project:read integration:read integration:write activity_log:read",
        "integration:write                                                      | user:read organization:read project:read activity_log:read",
        "user:read organization:read project:read integration:read activity_log:read | integration:write",
    })
    void reportsExactlyTheMissingScopesInAStableOrder(String granted, String expectedMissing) {
        ScopeCheck.Report report = ScopeCheck.check(scopes(granted));
        assertEquals(scopes(expectedMissing), report.missing().stream().map(ScopeCheck.Missing::scope).toList());
        assertEquals(Needed.values().length, report.present().size() + report.missing().size());
    }

    @ParameterizedTest(name = "{0} missing -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "INTEGRATION_WRITE | integration:write is missing: read-only: linking, unlinking and the OAuth bootstrap are disabled.",
        "INTEGRATION_READ  | integration:read is missing: GitHub status cannot be shown",
        "PROJECT_READ      | project:read is missing: projects cannot be listed, so the inventory stays empty.",
        "ORGANIZATION_READ | organization:read is missing: organizations cannot be listed",
        "USER_READ         | user:read is missing: Hoglink cannot tell who you are",
        "ACTIVITY_LOG_READ | activity_log:read is missing (optional): the GitHub history of a project",
    })
    void eachMissingScopeSaysWhatItDisablesInPlainWords(Needed needed, String expectedStart) {
        ScopeCheck.Report report = ScopeCheck.check(List.of());
        String message = report.missing().stream().filter(m -> m.needed() == needed).findFirst().orElseThrow().message();
        assertTrue(message.startsWith(expectedStart), message);
    }

    @Test
    void writeWithoutReadIsReadOnlyFalseAndReadWithoutWriteIsReadOnly() {
        assertTrue(ScopeCheck.check(List.of("user:read", "organization:read", "project:read", "integration:read")).readOnly());
        ScopeCheck.Report full = ScopeCheck.check(List.of("user:read", "organization:read", "project:read", "integration:write"));
        assertFalse(full.readOnly());
        assertTrue(full.allRequiredPresent(), "activity_log:read is optional");
        assertTrue(full.has(Needed.INTEGRATION_READ), "integration:write satisfies integration:read");
        assertEquals(List.of("activity_log:read is missing (optional): the GitHub history of a project (who linked or unlinked what, and when) cannot be shown."),
                full.messages());
    }

    @Test
    void blankNullAndPaddedEntriesAreToleratedWhenChecking() {
        ScopeCheck.Report report = ScopeCheck.check(Arrays.asList(" user:read ", null, "", "organization:read",
                "project:read", "integration:write"));
        assertTrue(report.allRequiredPresent());
    }

    @Test
    void missingRequiredScopeFailsAllRequiredPresent() {
        assertFalse(ScopeCheck.check(List.of("*:read")).allRequiredPresent());
        assertFalse(ScopeCheck.check(null).allRequiredPresent());
        assertTrue(ScopeCheck.check(List.of("*")).allRequiredPresent());
    }

    @Test
    void grantsAppliesWildcardAndWriteImpliesReadButNotTheReverse() {
        assertTrue(ScopeCheck.grants(Set.of("*"), "integration:write"));
        assertTrue(ScopeCheck.grants(Set.of("integration:write"), "integration:read"));
        assertFalse(ScopeCheck.grants(Set.of("integration:read"), "integration:write"));
        assertFalse(ScopeCheck.grants(Set.of("organization_integration:write"), "integration:read"));
    }
}
