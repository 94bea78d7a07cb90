package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.support.CliProcesses;
import dev.hoglink.support.CliProcesses.Run;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hoglink link --plan} and {@code --apply} exactly as a script runs them: the sandbox as its own process,
 * each command as another, the key from HOGLINK_API_KEY; the plan and result files, the exit codes.
 */
class LinkCommandProcessTest {

    private static final CliProcesses CLI = CliProcesses.withTemporaryHome("hoglink-link-it");
    private static final Path HOME = CLI.home();
    private static CliProcesses.Sandbox sandbox;
    private static Map<String, String> header;
    private static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = CLI.sandbox();
        header = sandbox.header();
    }

    @AfterAll
    static void stopSandbox() throws InterruptedException {
        sandbox.close();
    }

    private static Run link(String role, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("link"));
        cmd.addAll(List.of(args));
        return CLI.run(role == null ? null : header.get("key." + role), cmd.toArray(String[]::new));
    }

    private static Run plan(String role, String installation, String projects, String format) throws Exception {
        return link(role, "--plan", "--host", header.get("url"), "--org", SeedWorld.ACME_ORG, "--installation",
                installation, "--projects", projects, "--format", format);
    }

    private static List<String> column(String csv, int index) {
        return csv.lines().skip(1).map(l -> l.split(",")[index]).toList();
    }

    @Test
    void helpAndBadUsage() throws Exception {
        Run help = link(null, "--help");
        assertEquals(0, help.code());
        assertTrue(help.out().startsWith("Usage: hoglink link --plan"), help.out());
        assertTrue(help.out().contains("3 the plan was applied but not every planned project ended linked"), help.out());
        Run both = link("owner", "--plan", "--apply", "x.json");
        assertEquals(2, both.code());
        assertTrue(both.err().contains("give either --plan or --apply PLAN"), both.err());
        Run noInstallation = link("owner", "--plan", "--host", header.get("url"));
        assertEquals(2, noInstallation.code());
        Run noKey = link(null, "--apply", "x.json");
        assertEquals(2, noKey.code());
        assertTrue(noKey.err().contains("HOGLINK_API_KEY"), noKey.err());
        Run notAPlan = link("owner", "--apply", Files.writeString(HOME.resolve("bad.json"), "{}").toString());
        assertEquals(1, notAPlan.code());
        assertTrue(notAPlan.err().contains("is not a Hoglink link plan"), notAPlan.err());
    }

    @Test
    void aPlanIsWrittenAppliedAsPlannedAndAppliedAgainSendsNothingMore() throws Exception {
        Run plan = plan("owner", "10000002", "ids:101,104,113-115", "csv");
        assertEquals(0, plan.code(), plan.err());
        assertEquals(List.of("101", "104", "113", "114", "115"), column(plan.out(), 9));
        assertEquals(List.of("will_link", "already_linked", "will_link", "will_link", "will_link"), column(plan.out(), 11));
        assertTrue(plan.err().contains("Will link: 4 · Already linked: 1. Nothing was sent."), plan.err());
        // The admin edits the plan: 115 is not to be sent.
        Path file = Files.writeString(HOME.resolve("plan.csv"), plan.out()
                .replaceAll(",115,(.*),yes,([^,]*),([^,]*)\r\n", ",115,$1,no,$2,$3\r\n")); // apply, then the environment's two
        Run apply = link("owner", "--apply", file.toString(), "--host", header.get("url"), "--format", "json", "--out", HOME.resolve("result.json").toString());
        assertEquals(0, apply.code(), apply.err());
        JsonNode result = JSON.readTree(HOME.resolve("result.json").toFile());
        assertEquals(3, result.path("counts").path("linked").asInt(), result.toString());
        // 104 was in the plan as already linked, and reads so in the result; 115 was left out of it.
        assertEquals(1, result.path("counts").path("already_linked").asInt(), result.toString());
        assertEquals(1, result.path("counts").path("not_in_plan").asInt(), result.toString());
        assertEquals("already_linked", result.path("projects").get(1).path("result").asText());
        assertEquals("not_in_plan", result.path("projects").get(4).path("result").asText());
        Run again = link("owner", "--apply", file.toString(), "--host", header.get("url"));
        // Every planned project is linked, by this plan's first run: that is done, not a change since the plan.
        assertEquals(0, again.code(), again.err());
        assertEquals(List.of("linked", "already_linked", "linked", "linked", "not_in_plan"), resultColumn(again.out()));
        assertTrue(again.out().contains("by an earlier run of this plan; nothing was sent again"), again.out());
    }

    private static List<String> resultColumn(String csv) {
        List<String> out = new ArrayList<>();
        csv.lines().skip(1).forEach(l -> {
            for (String r : List.of("linked", "changed", "not_in_plan", "refused", "error", "stopped", "unknown",
                    "already_linked")) {
                if (l.contains("," + r + ",")) {
                    out.add(r);
                    return;
                }
            }
        });
        return out;
    }

    @Test
    void aMemberWithoutAPersonalGitHubLinkGetsAPlanThatSaysSoAndSendsNothing() throws Exception {
        Run plan = plan("member_unlinked", "10000001", "ids:116,117", "json");
        assertEquals(0, plan.code(), plan.err());
        JsonNode n = JSON.readTree(plan.out());
        assertEquals(2, n.path("counts").path("needs_personal_github").asInt(), n.toString());
        Path file = Files.writeString(HOME.resolve("dee.json"), plan.out());
        Run apply = link("member_unlinked", "--apply", file.toString(), "--host", header.get("url"));
        assertEquals(0, apply.code(), apply.err());
        assertEquals(List.of("not_in_plan", "not_in_plan"), resultColumn(apply.out()));
    }

    @Test
    void anInstallationGoneSinceThePlanIsReportedAndNothingIsSent() throws Exception {
        Run plan = plan("owner", "10000005", "ids:118", "json");
        assertEquals(0, plan.code(), plan.err());
        Path file = Files.writeString(HOME.resolve("secret.json"), plan.out());
        // Meanwhile the installation's only project is unlinked: PostHog uninstalls the app.
        HttpClient http = HttpClient.newHttpClient();
        String key = header.get("key.owner");
        JsonNode rows = JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(header.get("url")
                + "/api/projects/124/integrations/?kind=github")).header("Authorization", "Bearer " + key).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String id = rows.path("results").get(0).path("id").asText();
        HttpResponse<String> deleted = http.send(HttpRequest.newBuilder(URI.create(header.get("url")
                + "/api/projects/124/integrations/" + id + "/")).header("Authorization", "Bearer " + key).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(204, deleted.statusCode(), deleted.body());
        Run apply = link("owner", "--apply", file.toString(), "--host", header.get("url"));
        assertEquals(LinkCommand.NOT_ALL_LINKED, apply.code(), apply.err());
        assertEquals(List.of("changed"), resultColumn(apply.out()));
        assertTrue(apply.err().contains("does not offer acme-secret (id 10000005) to you"), apply.err());
        assertFalse(apply.out().contains(",linked,"), apply.out());
    }
    @Test
    void ctrlCStopsAnApplyBetweenProjectsSaysWhatWasDoneAndTheSameCommandResumesIt() throws Exception {
        // A sandbox of its own, slow enough (300 ms an answer) that the apply is mid-way when Ctrl+C comes.
        try (CliProcesses.Sandbox slow = CLI.sandbox("--latency-ms", "300")) {
            CliProcesses.Run plan = CLI.run(slow.key("owner"), "link", "--plan", "--host", slow.url(), "--org",
                    SeedWorld.ACME_ORG, "--installation", "10000002", "--projects", "not-connected");
            assertEquals(0, plan.code(), plan.err());
            long willLink = column(plan.out(), 11).stream().filter("will_link"::equals).count();
            assertTrue(willLink >= 4, "enough projects to stop in the middle: " + willLink);
            Path file = Files.writeString(HOME.resolve("interrupted.csv"), plan.out());

            CliProcesses.Started apply = CLI.start(slow.key("owner"), "link", "--apply", file.toString(), "--host", slow.url());
            long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(60);
            while (!Files.readString(apply.err()).contains("link: 1 of ")) { // the first project is done
                assertTrue(apply.process().isAlive(), "still applying: " + Files.readString(apply.err()));
                assertTrue(System.nanoTime() < deadline, "no project done within 60 s");
                Thread.onSpinWait();
            }
            Process kill = new ProcessBuilder("kill", "-INT", String.valueOf(apply.process().pid())).start();
            assertEquals(0, kill.waitFor(), "SIGINT sent");
            assertTrue(apply.process().waitFor(60, java.util.concurrent.TimeUnit.SECONDS), "it stopped");
            CliProcesses.Run stopped = apply.finished();

            assertEquals(LinkCommand.INTERRUPTED, stopped.code(), stopped.err());
            assertTrue(stopped.err().contains("Ctrl+C: stopping after the current project"), stopped.err());
            assertTrue(stopped.err().contains("stopped by Ctrl+C: "), stopped.err());
            assertTrue(stopped.err().contains("Run the same command again to resume"), stopped.err());
            List<String> first = resultColumn(stopped.out());
            long linked = first.stream().filter("linked"::equals).count();
            long notSent = first.stream().filter("stopped"::equals).count();
            assertTrue(linked >= 1, "what was done is in the result: " + first);
            assertTrue(notSent >= 1, "what was not done is in the result: " + first);
            assertEquals(willLink, linked + notSent, "every planned project is either linked or marked stopped: " + first);

            // The same command again resumes: the projects linked before are checked and not sent again.
            CliProcesses.Run resumed = CLI.run(slow.key("owner"), "link", "--apply", file.toString(), "--host", slow.url());
            assertEquals(0, resumed.code(), "every planned project ended linked: " + resumed.err());
            List<String> second = resultColumn(resumed.out());
            for (int i = 0; i < first.size(); i++) {
                if (first.get(i).equals("linked")) {
                    assertEquals("linked", second.get(i), "linked before, not sent again: " + second);
                } else if (first.get(i).equals("stopped")) {
                    assertEquals("linked", second.get(i), "not sent before, linked now: " + second);
                }
            }
        }
    }
}
