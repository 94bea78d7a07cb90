package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.sandbox.SeedWorld;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code hoglink link --plan} and {@code --apply} exactly as a script runs them: the sandbox as its own process,
 * each command as another, the key from HOGLINK_API_KEY; the plan and result files, the exit codes.
 */
class LinkCommandProcessTest {

    private static Process sandbox;
    private static final Path HOME = home();
    private static Map<String, String> header;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Path home() {
        try {
            return Files.createTempDirectory("hoglink-link-it");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dhoglink.home=" + HOME, "-cp",
                System.getProperty("java.class.path"), "dev.hoglink.Launcher"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = new ProcessBuilder(java("sandbox", "--port", "0")).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        header = new LinkedHashMap<>();
        while (header.size() < 1 + SeedWorld.ROLES.size()) {
            String line = in.readLine();
            if (line == null) {
                throw new AssertionError("the sandbox command ended early; printed " + header.keySet());
            }
            int eq = line.indexOf('=');
            header.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    @AfterAll
    static void stopSandbox() throws InterruptedException {
        sandbox.destroy();
        sandbox.waitFor(10, TimeUnit.SECONDS);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run link(String role, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("link"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(java(cmd.toArray(String[]::new)));
        if (role != null) {
            pb.environment().put("HOGLINK_API_KEY", header.get("key." + role));
        }
        Path out = Files.createTempFile("link-out", ".txt");
        Path err = Files.createTempFile("link-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the command finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
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
    void aPlanIsWrittenAppliedAsPlannedAndAppliedAgainReportsTheChange() throws Exception {
        Run plan = plan("owner", "10000002", "ids:101,104,113-115", "csv");
        assertEquals(0, plan.code(), plan.err());
        assertEquals(List.of("101", "104", "113", "114", "115"), column(plan.out(), 9));
        assertEquals(List.of("will_link", "already_linked", "will_link", "will_link", "will_link"), column(plan.out(), 11));
        assertTrue(plan.err().contains("Will link 4 · Already linked 1"), plan.err());
        // The admin edits the plan: 115 is not to be sent.
        Path file = Files.writeString(HOME.resolve("plan.csv"), plan.out().replaceAll(",115,(.*),yes\r\n", ",115,$1,no\r\n"));
        Run apply = link("owner", "--apply", file.toString(), "--format", "json", "--out", HOME.resolve("result.json").toString());
        assertEquals(0, apply.code(), apply.err());
        JsonNode result = JSON.readTree(HOME.resolve("result.json").toFile());
        assertEquals(3, result.path("counts").path("linked").asInt(), result.toString());
        assertEquals(2, result.path("counts").path("not_in_plan").asInt(), result.toString());
        assertEquals("not_in_plan", result.path("projects").get(4).path("result").asText());
        Run again = link("owner", "--apply", file.toString());
        assertEquals(LinkCommand.NOT_ALL_LINKED, again.code(), again.err());
        assertEquals(List.of("changed", "not_in_plan", "changed", "changed", "not_in_plan"), resultColumn(again.out()));
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
        Run apply = link("member_unlinked", "--apply", file.toString());
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
        Run apply = link("owner", "--apply", file.toString());
        assertEquals(LinkCommand.NOT_ALL_LINKED, apply.code(), apply.err());
        assertEquals(List.of("changed"), resultColumn(apply.out()));
        assertTrue(apply.err().contains("no longer offers acme-secret (id 10000005)"), apply.err());
        assertFalse(apply.out().contains(",linked,"), apply.out());
    }
}
