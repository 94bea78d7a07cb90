package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.PaymentRequiredException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.sandbox.SeedWorld;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real client against the sandbox's models of what real PostHog does beyond the first contract (keys limited
 * to projects or organizations, the free plan, environments): the client half of docs/api-notes.md N10-N13,
 * as the client reads them today.
 */
class ClientAgainstPostHogFidelityTest {

    static E2e e2e;

    @BeforeAll
    static void start() {
        e2e = E2e.start();
    }

    @AfterAll
    static void stop() {
        e2e.close();
    }

    static PostHogClient as(String role) {
        return e2e.client(role);
    }

    @Test
    void aKeyLimitedToProjectsIsRefusedTheOrganizationsButReadsItsProjects() {
        PermissionException e = E2e.fails(PermissionException.class, () -> as("two_projects").organizations());
        assertEquals(403, e.status());
        assertEquals("API keys with scoped projects are only supported on project-based endpoints.", e.detail());
        assertEquals(List.of(SeedWorld.STARK_ORG, SeedWorld.WAYNE_ORG),
                as("two_projects").me().organizations().stream().map(OrganizationDto::id).toList(),
                "users/@me still names the organizations");
        assertEquals(0, as("two_projects").githubIntegrations(SeedWorld.STARK_WEB).size());
        assertEquals(1, as("two_projects").githubIntegrations(SeedWorld.STARK_API).size());
    }

    @Test
    void anOrganizationKeySeesOnlyItsOrganization() {
        assertEquals(List.of(SeedWorld.STARK_ORG),
                as("org_scoped").organizations().stream().map(OrganizationDto::id).toList());
        assertEquals(List.of(SeedWorld.STARK_ORG), as("org_scoped").currentKey().scopedOrganizations());
    }

    @Test
    void theFreePlansHistoryIsAPlanErrorAndItsGitHubRowsStillRead() {
        PaymentRequiredException e = E2e.fails(PaymentRequiredException.class,
                () -> as("stark_owner").integrationActivity(SeedWorld.WAYNE_SITE, 5));
        assertEquals("payment_required", e.code());
        assertTrue(e.userMessage().contains("paid PostHog plan"), e.userMessage());
        assertEquals(1, as("stark_owner").githubIntegrations(SeedWorld.WAYNE_SITE).size());
    }

    @Test
    void aSecondEnvironmentIsATeamOfItsProjectWithItsOwnGitHubRow() {
        OrganizationDto stark = as("stark_owner").organization(SeedWorld.STARK_ORG);
        assertEquals(List.of(401L, 402L, 403L, 404L), stark.teams().stream().map(t -> t.id()).toList());
        assertEquals(401L, stark.teams().get(1).projectId());
        assertEquals(List.of(401L, 403L, 404L),
                as("stark_owner").projects(SeedWorld.STARK_ORG).stream().map(ProjectDto::id).toList());
        List<IntegrationDto> rows = as("stark_owner").githubIntegrations(SeedWorld.STARK_WEB_STAGING);
        assertEquals(SeedWorld.INST_STARK, rows.get(0).installationId());
        assertEquals(true, rows.get(0).installationShared());
    }
}
