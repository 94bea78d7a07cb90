package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The commands name Stark's environment 402 as the window does, "Stark Web Staging", its project 401 "Stark Web" in
 * columns of their own; they wrote "Stark Web / Stark Web Staging". {@code --projects name:} matches what is shown.
 */
class EnvironmentNamesCliTest extends CliSandboxTest {

    private Map<String, String> env() {
        return Map.of(AuditCommand.KEY_VARIABLE, server.key("stark_owner"));
    }

    private AppDirs dirs() {
        return AppDirs.under(home.resolve("app"));
    }

    private CliRun plan(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--plan", "--host", server.baseUri().toString(),
                "--installation", SeedWorld.INST_STARK, "--org", SeedWorld.STARK_ORG));
        args.addAll(List.of(more));
        return CliRun.link(env(), dirs(), args.toArray(String[]::new));
    }

    private static String line(String text, String start) {
        return text.lines().filter(l -> l.startsWith(start)).findFirst().orElse("no line " + start + " in\n" + text);
    }

    @Test
    void theAuditNamesTheEnvironmentByItsOwnNameAndItsProjectApart() {
        CliRun r = CliRun.audit(env(), dirs(), "--host", server.baseUri().toString(), "--org", SeedWorld.STARK_ORG);
        assertEquals(0, r.code(), r.err());
        assertTrue(line(r.out(), SeedWorld.INST_STARK + ",stark,Organization,connected,2,402,")
                .startsWith(SeedWorld.INST_STARK + ",stark,Organization,connected,2,402,Stark Web Staging,connected,"), r.out());
        assertTrue(line(r.out(), SeedWorld.INST_STARK + ",stark,Organization,connected,2,402,").endsWith(",false,401,Stark Web"),
                r.out());
        assertFalse(r.out().contains("Stark Web / "), r.out());
        CliRun json = CliRun.audit(env(), dirs(), "--host", server.baseUri().toString(), "--org", SeedWorld.STARK_ORG,
                "--format", "json");
        assertTrue(json.out().contains("\"name\" : \"Stark Web Staging\",\n      \"environment_of_project_id\" : 401,\n"
                + "      \"environment_of_project\" : \"Stark Web\""), json.out());
    }

    @Test
    void thePlanAndItsResultNameTheEnvironmentAsTheAuditDoes() throws Exception {
        CliRun planned = plan();
        assertEquals(0, planned.code(), planned.err());
        assertTrue(planned.out().contains(",402,Stark Web Staging,already_linked,Stark Web Staging already uses stark "
                + "(id " + SeedWorld.INST_STARK + "); nothing will be sent.,no,401,Stark Web\r\n"), planned.out());
        assertFalse(planned.out().contains("Stark Web / "), planned.out());
        Path file = home.resolve("plan.csv");
        Files.writeString(file, planned.out());

        CliRun applied = CliRun.link(env(), dirs(), "--apply", file.toString(), "--host", server.baseUri().toString());

        assertEquals(0, applied.code(), applied.err());
        assertTrue(line(applied.out(), "402,").startsWith("402,Stark Web Staging,already_linked,already_linked,"),
                applied.out());
        assertTrue(line(applied.out(), "402,").endsWith(",401,Stark Web"), applied.out());
        assertTrue(line(applied.out(), "401,").startsWith("401,Stark Web,will_link,linked,")
                && line(applied.out(), "401,").endsWith(",,"), applied.out());
        assertFalse(applied.out().contains("Stark Web / "), applied.out());
    }

    @Test
    void aPlanFileWrittenBeforeTheEnvironmentColumnsStillApplies() throws Exception {
        CliRun planned = plan();
        assertEquals(0, planned.code(), planned.err());
        // As the previous version wrote it: no environment columns, the environment named "Project / Environment".
        StringBuilder old = new StringBuilder();
        for (String l : planned.out().split("\r\n")) {
            String cut = l.substring(0, l.lastIndexOf(',', l.lastIndexOf(',') - 1));
            old.append(cut.replace(",402,Stark Web Staging,already_linked,Stark Web Staging already",
                    ",402,Stark Web / Stark Web Staging,already_linked,Stark Web / Stark Web Staging already"))
                    .append("\r\n");
        }
        assertTrue(old.toString().startsWith("plan_id,") && old.toString().contains(",reason,apply\r\n"), old.toString());
        Path file = home.resolve("old-plan.csv");
        Files.writeString(file, old.toString());

        CliRun applied = CliRun.link(env(), dirs(), "--apply", file.toString(), "--host", server.baseUri().toString());

        assertEquals(0, applied.code(), applied.err());
        assertTrue(line(applied.out(), "401,").startsWith("401,Stark Web,will_link,linked,"), applied.out());
        assertTrue(line(applied.out(), "404,").startsWith("404,Stark Docs,will_link,linked,"), applied.out());
        assertTrue(line(applied.out(), "402,").startsWith("402,Stark Web / Stark Web Staging,already_linked,"),
                "an old plan's row keeps the name it was written with: " + applied.out());
    }

    @Test
    void aNameFilterMatchesAnEnvironmentByItsOwnNameOrItsProjectsNotByTheJoinedForm() {
        CliRun staging = plan("--projects", "name:staging");
        assertEquals(0, staging.code(), staging.err());
        assertEquals(List.of(402L), projectIds(staging.out()));
        CliRun web = plan("--projects", "name:Stark Web");
        assertEquals(List.of(401L, 402L), projectIds(web.out()));
        CliRun joined = plan("--projects", "name:Web / Stark");
        assertEquals(List.of(), projectIds(joined.out()), joined.err());
    }

    private static List<Long> projectIds(String csv) {
        return csv.lines().skip(1).map(l -> l.split(",")[9]).map(Long::valueOf).toList();
    }
}
