package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Plans and results name an environment as the window does: "Stark Web Staging", its project in
 * {@code environment_of_project_id} and {@code environment_of_project}. They wrote "Stark Web / Stark Web Staging",
 * in the name and in the reason. A plan written before these columns still reads and applies.
 */
class EnvironmentNamesInPlansTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Organization ORG = new Organization("o-s", "Stark Industries", "stark", Organization.OWNER);
    private static final InstallationOption STARK = new InstallationOption("10000009", "stark",
            AccountType.ORGANIZATION, 402L, "Stark Web Staging", "d1");
    private static final Project WEB = new Project(401, "Stark Web", "o-s", null);
    private static final Project STAGING = new Project(402, "Stark Web / Stark Web Staging", "o-s", null, 401L,
            "Stark Web Staging");

    private static LinkPlan plan() {
        GitHubLink linked = new GitHubLink(12, "10000009", "stark", AccountType.ORGANIZATION, "all",
                LinkStatus.CONNECTED, true, "Fay Owner", null, "");
        return LinkPlanner.plan("p-1", Instant.parse("2026-12-06T12:00:00Z"), "https://us.posthog.com", ORG, STARK,
                List.of(new LinkPlanner.Target(WEB, List.of()), new LinkPlanner.Target(STAGING, List.of(linked))),
                new LinkPlanner.Facts(new Capabilities(Optional.of(true), "Stark Industries", Organization.OWNER,
                        Optional.empty()), Optional.empty(), null));
    }

    @Test
    void thePlannerNamesAnEnvironmentByItsOwnNameAndKeepsItsProject() {
        LinkPlan.Row staging = plan().rows().get(1);
        assertEquals("Stark Web Staging", staging.projectName());
        assertEquals(401L, staging.environmentOfProjectId());
        assertEquals("Stark Web", staging.environmentOfProject());
        assertEquals("Stark Web Staging already uses stark (id 10000009); nothing will be sent.", staging.reason());
        LinkPlan.Row web = plan().rows().get(0);
        assertNull(web.environmentOfProjectId());
        assertNull(web.environmentOfProject());
    }

    @Test
    void thePlanFilesCarryTheProjectInColumnsOfTheirOwnAndReadItBack() throws Exception {
        LinkPlan p = plan();
        List<String> csv = new String(PlanFiles.write(p, PlanFiles.Format.CSV), StandardCharsets.UTF_8).lines().toList();
        assertTrue(csv.get(0).endsWith(",project,predicted,reason,apply,environment_of_project_id,environment_of_project"),
                csv.get(0));
        assertTrue(csv.get(1).endsWith(",401,Stark Web,will_link,Will link as an admin (from Stark Web Staging).,yes,,"),
                csv.get(1));
        assertTrue(csv.get(2).endsWith(",402,Stark Web Staging,already_linked,Stark Web Staging already uses stark "
                + "(id 10000009); nothing will be sent.,no,401,Stark Web"), csv.get(2));
        JsonNode rows = JSON.readTree(PlanFiles.write(p, PlanFiles.Format.JSON)).path("projects");
        assertEquals("Stark Web Staging", rows.get(1).path("project").asText());
        assertEquals(401, rows.get(1).path("environment_of_project_id").asLong());
        assertEquals("Stark Web", rows.get(1).path("environment_of_project").asText());
        assertTrue(rows.get(0).path("environment_of_project_id").isNull() && rows.get(0).has("environment_of_project"));
        for (PlanFiles.Format f : PlanFiles.Format.values()) {
            assertEquals(p.rows(), PlanFiles.readPlan(PlanFiles.write(p, f)).rows(), f.name());
        }
    }

    @Test
    void aPlanWrittenBeforeTheseColumnsStillReads() {
        String oldCsv = "plan_id,host,organization_id,organization,installation_id,account,account_type,"
                + "source_project_id,source_project,project_id,project,predicted,reason,apply\n"
                + "p-0,https://us.posthog.com,o-s,Stark Industries,10000009,stark,Organization,402,Stark Web Staging,"
                + "402,Stark Web / Stark Web Staging,already_linked,Stark Web / Stark Web Staging already uses stark "
                + "(id 10000009); nothing will be sent.,no\n"
                + "p-0,https://us.posthog.com,o-s,Stark Industries,10000009,stark,Organization,402,Stark Web Staging,"
                + "404,Stark Docs,will_link,Will link as an admin (from Stark Web Staging).,yes\n";
        String oldJson = "{\"format\":\"hoglink-link-plan\",\"version\":1,\"id\":\"p-0\",\"host\":\"https://us.posthog.com\","
                + "\"organization\":{\"id\":\"o-s\",\"name\":\"Stark Industries\"},\"installation\":{\"installation_id\":"
                + "\"10000009\",\"account\":\"stark\",\"account_type\":\"Organization\",\"source_project_id\":402,"
                + "\"source_project\":\"Stark Web Staging\"},\"projects\":[{\"project_id\":402,\"project\":"
                + "\"Stark Web / Stark Web Staging\",\"predicted\":\"already_linked\",\"reason\":\"r\",\"apply\":false},"
                + "{\"project_id\":404,\"project\":\"Stark Docs\",\"predicted\":\"will_link\",\"reason\":\"r\","
                + "\"apply\":true}]}";
        for (String old : List.of(oldCsv, oldJson)) {
            LinkPlan p = PlanFiles.readPlan(old.getBytes(StandardCharsets.UTF_8));
            assertEquals(List.of(404L), p.planned().stream().map(LinkPlan.Row::projectId).toList(), old);
            LinkPlan.Row env = p.rows().get(0);
            assertEquals("Stark Web / Stark Web Staging", env.projectName(), "an old plan keeps the name it was written with");
            assertNull(env.environmentOfProjectId());
            assertNull(env.environmentOfProject());
        }
    }

    @Test
    void aResultNamesTheEnvironmentsProjectAsItsPlanDoes() throws Exception {
        LinkPlan p = plan();
        PlanResult r = new PlanResult(p, List.of(
                new PlanResult.Row(401, "Stark Web", PlanOutcome.WILL_LINK, ApplyOutcome.LINKED, "linked", null),
                new PlanResult.Row(402, "Stark Web Staging", PlanOutcome.ALREADY_LINKED, ApplyOutcome.ALREADY_LINKED,
                        "already", null)), null, null, false, "");
        List<String> csv = new String(PlanFiles.write(r, PlanFiles.Format.CSV), StandardCharsets.UTF_8).lines().toList();
        assertTrue(csv.get(0).endsWith(",source_project_id,source_project,environment_of_project_id,environment_of_project"),
                csv.get(0));
        assertTrue(csv.get(1).startsWith("401,Stark Web,") && csv.get(1).endsWith(",,"), csv.get(1));
        assertTrue(csv.get(2).startsWith("402,Stark Web Staging,") && csv.get(2).endsWith(",401,Stark Web"), csv.get(2));
        JsonNode rows = JSON.readTree(PlanFiles.write(r, PlanFiles.Format.JSON)).path("projects");
        assertEquals(401, rows.get(1).path("environment_of_project_id").asLong());
        assertEquals("Stark Web", rows.get(1).path("environment_of_project").asText());
        assertTrue(rows.get(0).path("environment_of_project_id").isNull() && rows.get(0).has("environment_of_project"));
    }
}
