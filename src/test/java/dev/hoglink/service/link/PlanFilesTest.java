package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanFilesTest {

    private static final LinkPlan PLAN = new LinkPlan("3f2a-1", Instant.parse("2026-12-06T12:00:00Z"),
            "https://us.posthog.com", "o1", "Acme, Inc.",
            new LinkPlan.Installation("10000001", "acme", AccountType.ORGANIZATION, 101L, "Web"),
            List.of(new LinkPlan.Row(101, "Web", PlanOutcome.ALREADY_LINKED, "Web already uses acme.", false),
                    new LinkPlan.Row(102, "=HYPERLINK(\"x\")", PlanOutcome.WILL_LINK, "Will link, \"quoted\"", true),
                    new LinkPlan.Row(103, "-minus", PlanOutcome.NEEDS_PERSONAL_GITHUB, "needs it\nsecond line", false)));

    @Test
    void aPlanRoundTripsThroughJsonAndCsv() {
        for (PlanFiles.Format f : PlanFiles.Format.values()) {
            LinkPlan back = PlanFiles.readPlan(PlanFiles.write(PLAN, f));
            assertEquals(PLAN.id(), back.id(), f.name());
            assertEquals(PLAN.host(), back.host());
            assertEquals(PLAN.installation(), back.installation());
            assertEquals(PLAN.rows(), back.rows(), f.name());
        }
    }

    @Test
    void theAccountTypeIsWrittenAsTheAuditExportWritesItAndOldPlansStillRead() {
        String csv = new String(PlanFiles.write(PLAN, PlanFiles.Format.CSV), StandardCharsets.UTF_8);
        String json = new String(PlanFiles.write(PLAN, PlanFiles.Format.JSON), StandardCharsets.UTF_8);
        // The audit export's account_type column and the link dialog's Type column: AccountType.label().
        assertEquals(PLAN.rows().size(), csv.split(",acme,Organization,101,Web,", -1).length - 1, csv);
        assertTrue(json.contains("\"account_type\" : \"Organization\""), json);
        // A plan written before (lower case) reads the same.
        LinkPlan old = PlanFiles.readPlan(csv.replace(",acme,Organization,", ",acme,organization,")
                .getBytes(StandardCharsets.UTF_8));
        assertEquals(AccountType.ORGANIZATION, old.installation().accountType());
    }

    @Test
    void csvCellsAreNeutralisedForSpreadsheets() {
        String csv = new String(PlanFiles.write(PLAN, PlanFiles.Format.CSV), StandardCharsets.UTF_8);
        assertTrue(csv.contains("\"'=HYPERLINK(\"\"x\"\")\""), csv);
        assertTrue(csv.contains(",'-minus,"), csv);
        assertTrue(csv.startsWith(String.join(",", PlanFiles.PLAN_COLUMNS) + "\r\n"), csv);
    }

    @Test
    void jsonEscapesBidirectionalAndC1CharactersSoItIsSafeOnATerminalAndStillRoundTrips() {
        String hostile = "Web\u202egnp.exe\u202c\u2066x\u2069\u009b31m\u0085\u007f";
        LinkPlan plan = new LinkPlan(PLAN.id(), PLAN.createdAt(), PLAN.host(), PLAN.organizationId(), hostile,
                PLAN.installation(), List.of(new LinkPlan.Row(104, hostile, PlanOutcome.WILL_LINK, hostile, true)));
        PlanResult result = new PlanResult(plan, List.of(new PlanResult.Row(104, hostile, PlanOutcome.WILL_LINK,
                ApplyOutcome.REFUSED, hostile, null)), Instant.EPOCH, Instant.EPOCH, false, hostile);
        for (byte[] bytes : List.of(PlanFiles.write(plan, PlanFiles.Format.JSON),
                PlanFiles.write(result, PlanFiles.Format.JSON))) {
            String json = new String(bytes, StandardCharsets.UTF_8);
            json.chars().forEach(c -> assertTrue(c == '\n' || !dev.hoglink.util.PrintableText.unsafe(c),
                    "unescaped U+" + Integer.toHexString(c) + " in " + json));
        }
        assertEquals(hostile, PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON)).rows().get(0).projectName());
    }

    @Test
    void aResultLeadsWithCountsAndKeepsEveryRow() {
        PlanResult r = new PlanResult(PLAN, List.of(
                new PlanResult.Row(101, "Web", PlanOutcome.ALREADY_LINKED, ApplyOutcome.NOT_IN_PLAN, "", null),
                new PlanResult.Row(102, "X", PlanOutcome.WILL_LINK, ApplyOutcome.LINKED, "ok", null),
                new PlanResult.Row(103, "Y", PlanOutcome.WILL_LINK, ApplyOutcome.REFUSED, "no", "github_x")),
                Instant.EPOCH, Instant.EPOCH, false, "");
        assertEquals("Linked: 1 · Refused by PostHog: 1 · Not in the plan: 1", r.countsText());
        String json = new String(PlanFiles.write(r, PlanFiles.Format.JSON), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"counts\" : {\n    \"linked\" : 1,\n    \"refused\" : 1,\n    \"not_in_plan\" : 1"), json);
        String csv = new String(PlanFiles.write(r, PlanFiles.Format.CSV), StandardCharsets.UTF_8);
        assertEquals(4, csv.split("\r\n").length, csv);
    }

    @Test
    void aResultNamesHowEachRowEndedAndItsSourceAndItsHeaderEverySourceTheRowsWereSentFrom() {
        PlanResult.Source web = new PlanResult.Source(101L, "Web");
        PlanResult.Source mobile = new PlanResult.Source(105L, "Mobile");
        LinkPlan sent = PLAN.withSource(new dev.hoglink.model.InstallationOption("10000001", "acme",
                AccountType.ORGANIZATION, 105L, null, null));
        assertEquals(new LinkPlan.Installation("10000001", "acme", AccountType.ORGANIZATION, 105L, null), sent.installation());
        PlanResult r = new PlanResult(sent, List.of(
                new PlanResult.Row(101, "Web", PlanOutcome.ALREADY_LINKED, ApplyOutcome.NOT_IN_PLAN, "", null),
                new PlanResult.Row(102, "X", PlanOutcome.WILL_LINK, ApplyOutcome.REFUSED, "gone", "invalid_input",
                        LinkResult.Kind.SOURCE_GONE, web),
                new PlanResult.Row(103, "Y", PlanOutcome.WILL_LINK, ApplyOutcome.LINKED, "ok", null,
                        LinkResult.Kind.LINKED, mobile)),
                Instant.EPOCH, Instant.EPOCH, false, "");
        String json = new String(PlanFiles.write(r, PlanFiles.Format.JSON), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"source_project_id\" : 105,\n    \"source_project\" : null\n  },\n  \"sent_from\" : [ {\n"
                + "    \"source_project_id\" : 101,\n    \"source_project\" : \"Web\",\n    \"projects\" : 1\n  }, {\n"
                + "    \"source_project_id\" : 105,\n    \"source_project\" : \"Mobile\",\n    \"projects\" : 1\n  } ]"), json);
        assertTrue(json.contains("\"kind\" : \"source_gone\",\n    \"source_project_id\" : 101,\n    \"source_project\" : \"Web\""),
                json);
        String csv = new String(PlanFiles.write(r, PlanFiles.Format.CSV), StandardCharsets.UTF_8);
        assertTrue(csv.startsWith(String.join(",", PlanFiles.RESULT_COLUMNS) + "\r\n"), csv);
        // then an environment's project, empty for these projects
        assertTrue(csv.contains(",invalid_input,source_gone,101,Web,,\r\n"), csv);
    }

    @Test
    void aPlanSentFromAnotherSourceKeepsTheNameItKnowsForThatProject() {
        LinkPlan sent = PLAN.withSource(new dev.hoglink.model.InstallationOption("10000001", null, null, 102L, null, "d"));
        assertEquals(new LinkPlan.Installation("10000001", "acme", AccountType.ORGANIZATION, 102L, "=HYPERLINK(\"x\")"),
                sent.installation(), "a row's name for a source PostHog leaves unnamed");
        assertEquals(PLAN.rows(), sent.rows());
        assertEquals("Web", PLAN.withSource(new dev.hoglink.model.InstallationOption("10000001", "acme",
                AccountType.ORGANIZATION, 101L, null, null)).installation().sourceProjectName());
    }

    @Test
    void somethingElseIsRefusedInOneSentence() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PlanFiles.readPlan("{\"format\":\"other\"}".getBytes(StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().startsWith("not a Hoglink link plan"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PlanFiles.readPlan("a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)));
    }
}
