package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The --state file: saved after each change, whole after a kill -9, and loaded again on restart. */
class SandboxStateFileTest {

    @TempDir
    Path dir;

    @Test
    void changesSurviveARestartInProcess() throws IOException {
        Path file = dir.resolve("world.json");
        int rowId;
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            assertTrue(Files.exists(file), "the seeded world is written at start");
            rowId = new SandboxHttp(s.baseUri()).post("/api/projects/110/integrations/github/link_existing/",
                    s.key("admin"), "{\"installation_id\":\"10000001\"}").json().path("id").asInt();
        }
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            JsonNode row = new SandboxHttp(s.baseUri()).get("/api/projects/110/integrations/" + rowId + "/", s.key("owner")).json();
            assertEquals("10000001", row.path("config").path("installation_id").asText());
        }
        assertTrue(!new String(Files.readAllBytes(file), StandardCharsets.UTF_8).contains(SeedWorld.keyValue("owner")),
                "the file keeps key hashes, never key values");
    }

    @Test
    void aStateFileFromBeforeRowsCarriedPostHogsMarkIsMarkedOnLoad() throws IOException {
        Path file = dir.resolve("world.json");
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            assertTrue(Files.exists(file));
        }
        // As a version 1 file was written: no mark on the suspended installation's row.
        com.fasterxml.jackson.databind.node.ObjectNode world = (com.fasterxml.jackson.databind.node.ObjectNode)
                SandboxHttp.MAPPER.readTree(file.toFile());
        world.put("version", 1);
        for (JsonNode row : world.path("integrations")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) row.path("config")).remove("installation_unavailable_since");
        }
        SandboxHttp.MAPPER.writeValue(file.toFile(), world);
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            JsonNode legacy = new SandboxHttp(s.baseUri()).get("/api/projects/105/integrations/?kind=github", s.key("owner"))
                    .json().path("results").get(0);
            assertEquals("unavailable", legacy.path("installation_status").asText(), legacy.toString());
        }
    }

    @Test
    void temporaryFilesLeftByAKilledSandboxAreRemovedAtTheNextStart() throws IOException {
        Path file = dir.resolve("world.json");
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            assertTrue(Files.exists(file));
        }
        // What a kill -9 between writing the temp file and renaming it leaves behind (AtomicFiles' names).
        Path left1 = Files.writeString(dir.resolve(".world.json.8812731.tmp"), "{\"teams\": [");
        Path left2 = Files.writeString(dir.resolve(".world.json.99.tmp"), "");
        Path otherState = Files.writeString(dir.resolve(".other.json.5.tmp"), "keep");
        Path lookalike = Files.writeString(dir.resolve("world.json.5.tmp"), "keep");
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            assertEquals(200, new SandboxHttp(s.baseUri()).get("/api/users/@me/", s.key("owner")).status());
        }
        assertTrue(Files.notExists(left1) && Files.notExists(left2), "the sandbox's own temp files are gone");
        assertTrue(Files.exists(otherState) && Files.exists(lookalike), "nothing else is touched");
    }

    @Test
    void unreadableStateFileIsRefusedWithAHint() throws IOException {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"teams\": [");
        IOException e = assertThrows(IOException.class, () -> SandboxServer.start(SandboxOptions.defaults().withStateFile(file)));
        assertTrue(e.getMessage().contains("move it away"), e.getMessage());
    }

    @Test
    @Timeout(60)
    void killedMidChangeLeavesAWholeFileThatRestarts() throws Exception {
        Path file = dir.resolve("state.json");
        Process child = startChild("--state", file.toString(), "--latency-ms", "5");
        try {
            Map<String, String> printed = readHeader(child);
            URI base = URI.create(printed.get("url"));
            String admin = printed.get("key.admin");
            SandboxHttp http = new SandboxHttp(base);
            ConcurrentLinkedQueue<Integer> acknowledged = new ConcurrentLinkedQueue<>();
            AtomicInteger sent = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(4);
            for (int p = 108; p <= 123; p++) {
                int project = p;
                pool.submit(() -> {
                    sent.incrementAndGet();
                    SandboxHttp.Res r = http.post("/api/projects/" + project + "/integrations/github/link_existing/",
                            admin, "{\"installation_id\":\"10000002\"}");
                    if (r.status() == 200) {
                        acknowledged.add(project);
                    }
                    return null;
                });
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (acknowledged.size() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertTrue(acknowledged.size() >= 4, "the child answered some changes");
            child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
            List<Integer> acked = new ArrayList<>(acknowledged);

            JsonNode whole = SandboxHttp.MAPPER.readTree(file.toFile());
            assertTrue(whole.path("teams").size() >= 36, "the file parses and holds the world");
            try (SandboxServer again = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
                SandboxHttp h = new SandboxHttp(again.baseUri());
                for (int project : acked) {
                    JsonNode rows = h.get("/api/projects/" + project + "/integrations/?kind=github", again.key("owner")).json();
                    assertEquals(1, rows.path("count").asInt(), "acknowledged link on " + project + " was saved");
                }
            }
            try (Stream<Path> left = Files.list(dir)) {
                assertEquals(List.of(), left.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                        "whatever the kill left mid-save is gone after the restart");
            }
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    @Timeout(60)
    void standaloneCommandPrintsUrlAndEveryKey() throws Exception {
        Process child = startChild();
        try {
            Map<String, String> printed = readHeader(child);
            assertTrue(printed.get("url").matches("http://127\\.0\\.0\\.1:\\d+"), printed.toString());
            for (String role : SeedWorld.ROLES) {
                assertEquals(SeedWorld.keyValue(role), printed.get("key." + role));
            }
            SandboxHttp h = new SandboxHttp(URI.create(printed.get("url")));
            assertEquals(200, h.get("/api/users/@me/", printed.get("key.owner")).status());
        } finally {
            child.destroy();
            child.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static Process startChild(String... extra) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto",
                "-cp", System.getProperty("java.class.path"), "dev.hoglink.Launcher", "sandbox", "--port", "0"));
        cmd.addAll(List.of(extra));
        return new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    }

    /** Reads the url= and key.*= lines the command prints before serving. */
    private static Map<String, String> readHeader(Process child) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> m = new LinkedHashMap<>();
        while (m.size() < 1 + SeedWorld.ROLES.size()) {
            String line = in.readLine();
            if (line == null) {
                throw new AssertionError("the sandbox command ended early; printed " + m.keySet());
            }
            int eq = line.indexOf('=');
            m.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return m;
    }
}
