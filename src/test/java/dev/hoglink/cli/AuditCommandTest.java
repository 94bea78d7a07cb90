package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.ValidationException;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxClock;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import java.time.Duration;
import java.time.Instant;
import dev.hoglink.sandbox.SandboxKnobs;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The headless audit against a sandbox running on its own port, as a script would use it. The goldens in
 * src/test/resources/golden/ are the seeded Acme organization; {@code -Dgolden.update=true} rewrites them.
 */
class AuditCommandTest {

    static final String ACME = SeedWorld.ACME_ORG;

    @TempDir
    Path home;
    SandboxServer server;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    CliRun audit(Map<String, String> env, String... args) {
        return CliRun.audit(env, AppDirs.under(home), args);
    }

    Map<String, String> ownerKey() {
        return Map.of(AuditCommand.KEY_VARIABLE, server.key("owner"));
    }

    /** The history's window note with its day (counted from this computer's clock) written as YYYY-MM-DD. */
    static String anyDay(String export) {
        return export.replaceAll("history start on \\d{4}-\\d{2}-\\d{2} at the earliest", "history start on YYYY-MM-DD at the earliest");
    }

    static String golden(String name, String actual) throws IOException {
        Path file = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, actual, StandardCharsets.UTF_8);
        }
        return Files.readString(file, StandardCharsets.UTF_8);
    }

    @Test
    void csvInventoryOfTheSeededOrganizationMatchesTheGolden() throws IOException {
        CliRun r = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--format", "csv");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err(), "no progress and no log lines when stderr is not a terminal");
        assertEquals(golden("acme-inventory.csv", r.out()), r.out());
    }

    @Test
    void onATerminalProgressGoesToStderrAndTheOutputIsUnchanged() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = AuditCommand.run(List.of("--host", server.baseUri().toString(), "--org", ACME), ownerKey(),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                true, AppDirs.under(home));
        assertEquals(0, code);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("Reading projects: 24/24"), err.toString());
        assertEquals(golden("acme-inventory.csv", out.toString(StandardCharsets.UTF_8)), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void jsonInventoryOfTheSeededOrganizationMatchesTheGolden() throws IOException {
        CliRun r = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(golden("acme-inventory.json", r.out()), r.out());
    }

    /**
     * A newcomer's first history: Globex keeps 60 months, so PostHog's rows for the seeded past are listed (the links
     * that reused globex, Cy's refused adoption, Cy's link of Sales and Ada's disconnect of it; docs/api-notes.md
     * NL1). Acme keeps 2 months, and its seeded past (May 2026) is older than that: only the note shows.
     */
    @Test
    void historyOfTheSeededWorldListsWhatPostHogWroteForItsPastWithinEachPlansWindow() throws IOException {
        CliRun globex = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", SeedWorld.GLOBEX_ORG,
                "--history");
        assertEquals(0, globex.code(), globex.err());
        assertEquals(golden("globex-history.csv", anyDay(globex.out())), anyDay(globex.out()));
        CliRun acme = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--history");
        assertEquals(0, acme.code(), acme.err());
        assertEquals(2, acme.out().lines().count(), acme.out());
        assertTrue(acme.out().contains("PostHog shows only the last 60 days"), acme.out());
    }

    @Test
    void historyMergesPostHogsIntegrationActivityWithTheLocalJournalInTimeOrder() throws IOException {
        SandboxClock clock = new SandboxClock(Instant.parse("2026-08-10T09:00:00Z"));
        try (SandboxServer fixed = SandboxServer.start(SandboxOptions.defaults().withClock(clock))) {
            PostHogClient admin = PostHogClient.builder(fixed.baseUri().toString(), ApiKey.of(fixed.key("admin")))
                    .build();
            admin.linkExisting(108, LinkExistingRequest.ofSourceProject(104, null, null));
            clock.advance(Duration.ofMinutes(5));
            assertThrows(ValidationException.class,
                    () -> admin.linkExisting(109, LinkExistingRequest.ofInstallation("999", null)));
            ActionJournal journal = new ActionJournal(AppDirs.under(home).dataPath().resolve(ActionJournal.FILE_NAME),
                    clock);
            journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                    .time(Instant.parse("2026-08-10T09:02:00Z")).host(fixed.baseUri().toString())
                    .organization(ACME, "Acme Analytics").project(109L, "Docs").installationId("999")
                    .error("installation_not_found", "Installation not found, \"999\"").build());
            Map<String, String> env = Map.of(AuditCommand.KEY_VARIABLE, fixed.key("owner"));
            CliRun csv = audit(env, "--host", fixed.baseUri().toString(), "--org", ACME, "--history");
            assertEquals(0, csv.code(), csv.err());
            // The plan's window is counted back from this computer's day (the sandbox's clock is fixed; NF8).
            String start = java.time.LocalDate.now(java.time.ZoneOffset.UTC).minusDays(60).toString();
            assertTrue(csv.out().contains("so PostHog's entries in the history start on " + start + " at the earliest."), csv.out());
            assertEquals(golden("acme-history.csv", anyDay(csv.out())), anyDay(csv.out()));
            assertTrue(csv.out().contains("journal"), csv.out());
            assertTrue(csv.out().contains("link_completed"), csv.out());
            CliRun json = audit(env, "--host", fixed.baseUri().toString(), "--org", ACME, "--history", "--format", "json");
            assertEquals(0, json.code(), json.err());
            assertEquals(golden("acme-history.json", anyDay(json.out())), anyDay(json.out()));
            // The log was read (activity_log_read is true); the window is still said, as the window says it.
            assertTrue(json.err().contains("note: PostHog shows only the last 60 days"), json.err());
        }
    }

    @Test
    void historyReportsATornJournalLineOnStderrAndInTheExportsNotes() throws IOException {
        Path file = AppDirs.under(home).dataPath().resolve(ActionJournal.FILE_NAME);
        ActionJournal journal = new ActionJournal(file, java.time.Clock.systemUTC());
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                .host(server.baseUri().toString()).organization(ACME, "Acme Analytics").project(109L, "Docs")
                .installationId("999").error("installation_not_found", "Installation not found").build());
        Files.writeString(file, "{\"time\":\"2026-08-10T09:0", java.nio.file.StandardOpenOption.APPEND);
        String note = "The action journal has a damaged line (line 2), probably from a crash while writing.";
        for (String format : List.of("csv", "json")) {
            CliRun r = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--history", "--format", format);
            assertEquals(0, r.code(), r.err());
            // First the plan's activity-log window (the seeded Acme keeps 2 months, NF8), then the journal's damage.
            List<String> lines = r.err().lines().toList();
            assertEquals(2, lines.size(), r.err());
            assertTrue(lines.get(0).startsWith("hoglink audit: note: PostHog shows only the last 60 days of this "
                    + "organization's activity (its plan keeps 2 months)"), r.err());
            assertTrue(lines.get(1).startsWith("hoglink audit: note: " + note), r.err());
            if (format.equals("json")) {
                assertTrue(r.out().contains("\"journal_note\" : \"" + note), r.out());
            }
            assertTrue(r.out().contains("installation_not_found") || r.out().contains("Installation not found"),
                    "the readable entries are still exported");
        }
    }

    @Test
    void anInventoryExportSaysItLeavesOutThisComputersFailedActionsAsTheAuditWindowDoes() throws IOException {
        CliRun before = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--format", "json");
        assertEquals("", before.err(), "nothing left out, nothing said");
        new ActionJournal(AppDirs.under(home).dataPath().resolve(ActionJournal.FILE_NAME), java.time.Clock.systemUTC())
                .append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                        .host(server.baseUri().toString()).organization(ACME, "Acme Analytics").project(109L, "Search")
                        .installationId("999").error("installation_not_found", "Installation not found").build());
        CliRun r = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertEquals(before.out(), r.out(), "the export itself stays the same on every computer");
        // The audit window's tile counts 4 problems (3 from PostHog, the failed link); the file says 3.
        assertTrue(r.out().contains("\"problems\" : 3\n"), r.out());
        assertEquals("hoglink audit: note: the export leaves out 1 recent failed action from this computer's action "
                + "journal, which the audit counts among its 4 problems: exports hold only what PostHog says, the same "
                + "on every computer.", r.err().strip());
    }

    /**
     * A key limited to one project audits that project; the history it exports holds this computer's journal for
     * that project (and the organization's own entries), not the entries of projects the key cannot read. The audit
     * window shows the same report (AuditService), and its note says how many entries were left out.
     */
    @Test
    void aKeyLimitedToProjectsGetsTheJournalOfThoseProjectsOnly() throws IOException {
        ActionJournal journal = new ActionJournal(AppDirs.under(home).dataPath().resolve(ActionJournal.FILE_NAME),
                java.time.Clock.systemUTC());
        String host = server.baseUri().toString();
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.OK)
                .host(host).organization(ACME, "Acme Analytics").project(102L, "Mobile").installationId("10000001")
                .build());
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                .host(host).organization(ACME, "Acme Analytics").project(124L, "Secret Lab").installationId("999")
                .error("installation_not_found", "Installation not found").build());
        journal.append(JournalEntry.builder(JournalEntry.Action.UNLINK, JournalEntry.Outcome.OK)
                .host(host).organization(ACME, "Acme Analytics").project(109L, "Search").installationId("10000001")
                .build());
        Map<String, String> scoped = Map.of(AuditCommand.KEY_VARIABLE, server.key("project_scoped")); // team 102
        CliRun r = audit(scoped, "--host", host, "--org", ACME, "--history", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"project_id\" : 102"), r.out());
        assertFalse(r.out().contains("Secret Lab"), r.out());
        assertFalse(r.out().contains("\"project_id\" : 109"), r.out());
        assertTrue(r.err().contains("note: 2 entries of this computer's action journal are about projects this key "
                + "cannot read; the history leaves them out."), r.err());
        // The owner's key reaches every project: the whole journal of this organization.
        CliRun all = audit(ownerKey(), "--host", host, "--org", ACME, "--history", "--format", "json");
        assertTrue(all.out().contains("Secret Lab") && all.out().contains("\"project_id\" : 109"), all.out());
        assertFalse(all.err().contains("cannot read"), all.err());
    }

    @Test
    void twoRunsOnDifferentSandboxesProduceIdenticalBytes() throws IOException {
        CliRun first = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--format", "json");
        try (SandboxServer other = SandboxServer.start(SandboxOptions.defaults())) {
            CliRun second = audit(Map.of(AuditCommand.KEY_VARIABLE, other.key("owner")),
                    "--host", other.baseUri().toString(), "--org", ACME, "--format", "json");
            assertEquals(first.out(), second.out());
        }
    }

    @Test
    void withDroppedConnectionsAndA429BurstTheOutputIsStillCompleteAndEqualToTheGolden() throws IOException {
        // Within the client's one budget (a GET is sent at most 3 times; 429, 502-504 and resets are tried again,
        // a 500 is not, and the audit adds no retries of its own), so the audit reads everything.
        server.knobs().setFaults(FaultSpec.parse("drop=0.05,burst429=2,seed=11"));
        Path out = home.resolve("audit.csv");
        CliRun r = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out(), "with --out nothing goes to stdout");
        assertTrue(server.knobs().faultsInjected(SandboxKnobs.Fault.THROTTLE_BURST) >= 2, server.knobs().summary());
        assertTrue(server.knobs().faultsInjected(SandboxKnobs.Fault.DROPPED_CONNECTION) > 0, server.knobs().summary());
        assertEquals(golden("acme-inventory.csv", Files.readString(out)), Files.readString(out));
    }

    @Test
    void aRejectedKeyExitsNonZeroWithTheConnectionMessageAndWithoutTheKey() {
        String bad = "phx_CANARYnotARealKey0000000000000000000000";
        CliRun r = audit(Map.of(AuditCommand.KEY_VARIABLE, bad), "--host", server.baseUri().toString(), "--org", ACME);
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertTrue(r.err().contains("did not accept this API key"), r.err());
        assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
        assertFalse(r.err().contains("CANARY"), r.err());
    }

    @Test
    void aMissingKeyVariableIsRefusedWithTheVariablesName() {
        CliRun r = audit(Map.of(), "--host", server.baseUri().toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("HOGLINK_API_KEY"), r.err());
    }

    @Test
    void aKeyFlagIsRefusedWithUsageAndExitTwo() {
        CliRun r = audit(ownerKey(), "--host", server.baseUri().toString(), "--key", "phx_CANARYx");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("never taken from a flag"), r.err());
        assertTrue(r.err().contains("Usage: hoglink audit"), r.err());
        assertFalse(r.err().contains("CANARY"), r.err());
    }

    @Test
    void badFlagsPrintUsageAndExitTwo() {
        for (List<String> args : List.<List<String>>of(List.of(), List.of("--sandbox", "--host", "http://127.0.0.1:1"),
                List.of("--sandbox", "--format", "xml"), List.of("--sandbox", "--frobnicate"), List.of("--host"))) {
            CliRun r = audit(Map.of(), args.toArray(String[]::new));
            assertEquals(2, r.code(), args.toString());
            assertTrue(r.err().contains("Usage: hoglink audit"), r.err());
        }
    }

    @Test
    void aFlagGivenTwiceIsRefusedNotSilentlyTheLastOne() {
        CliRun r = audit(ownerKey(), "--host", server.baseUri().toString(), "--org", ACME, "--format", "json",
                "--format", "csv");
        assertEquals(2, r.code());
        assertTrue(r.err().startsWith("hoglink audit: --format is given twice"), r.err());
        assertEquals("", r.out());
        CliRun link = linkRun("--plan", "--host", server.baseUri().toString(), "--host", "http://127.0.0.1:1",
                "--installation", "10000001");
        assertEquals(2, link.code());
        assertTrue(link.err().startsWith("hoglink link: --host is given twice"), link.err());
        assertThrows(IllegalArgumentException.class, () -> SandboxCommand.parse(List.of("--port", "1", "--port", "2")));
    }

    private CliRun linkRun(String... args) {
        return CliRun.link(ownerKey(), AppDirs.under(home), args);
    }

    @Test
    void withSeveralOrganizationsAndNoOrgTheErrorListsThem() {
        CliRun r = audit(ownerKey(), "--host", server.baseUri().toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--org") && r.err().contains("Acme Analytics") && r.err().contains("Globex Labs")
                && r.err().contains(ACME), r.err());
    }

    @Test
    void anUnreachableHostGivesAPlainNetworkMessage() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        CliRun r = audit(ownerKey(), "--host", "http://127.0.0.1:" + port, "--org", ACME);
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("hoglink audit: Cannot reach 127.0.0.1:" + port), r.err());
    }

    /** A server that accepts, reads the request, then answers with {@code reply} (null: a TCP reset). */
    static java.net.ServerSocket rawServer(byte[] reply) throws IOException {
        java.net.ServerSocket socket = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress());
        Thread t = new Thread(() -> {
            while (!socket.isClosed()) {
                try (java.net.Socket c = socket.accept()) {
                    java.io.InputStream in = c.getInputStream();
                    int matched = 0;
                    while (matched < 4) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        matched = b == "\r\n\r\n".charAt(matched) ? matched + 1 : (b == '\r' ? 1 : 0);
                    }
                    if (reply == null) {
                        c.setSoLinger(true, 0);
                    } else {
                        c.getOutputStream().write(reply);
                        c.getOutputStream().flush();
                    }
                } catch (IOException e) {
                    // the next connection
                }
            }
        });
        t.setDaemon(true);
        t.start();
        return socket;
    }

    @Test
    void aConnectionResetAfterConnectingSaysTheServerWasReachedNotThatTheNameWasNotFound() throws IOException {
        try (java.net.ServerSocket s = rawServer(null)) {
            CliRun r = audit(ownerKey(), "--host", "http://127.0.0.1:" + s.getLocalPort(), "--org", ACME);
            assertEquals(1, r.code());
            assertTrue(r.err().startsWith("hoglink audit: The connection to 127.0.0.1:" + s.getLocalPort()
                    + " broke after it was made. The server was reached"), r.err());
            assertFalse(r.err().contains("not found") || r.err().contains("refused"), r.err());
        }
    }

    @Test
    void aGarbageStatusLineSaysTheServerAnsweredButNotInHttp() throws IOException {
        try (java.net.ServerSocket s = rawServer("SSH-2.0-OpenSSH_9.6\r\n\r\n".getBytes(StandardCharsets.US_ASCII))) {
            CliRun r = audit(ownerKey(), "--host", "http://127.0.0.1:" + s.getLocalPort(), "--org", ACME);
            assertEquals(1, r.code());
            // The words a project's row uses for the same answer (NetworkFailure.NOT_HTTP).
            assertTrue(r.err().startsWith("hoglink audit: 127.0.0.1:" + s.getLocalPort()
                    + " answered, but not in HTTP. Check the address and port"), r.err());
        }
    }

    @Test
    void anIpv4MappedLoopbackAddressOverPlainHttpIsLoopbackAndNoInternalTextIsShown() throws IOException {
        CliRun r = audit(ownerKey(), "--host", "http://[::ffff:127.0.0.1]:" + server.baseUri().getPort(), "--org", ACME);
        assertFalse(r.err().contains("plain http refused"), r.err());
        assertEquals(0, r.code(), r.err());
        assertEquals(golden("acme-inventory.csv", r.out()), r.out());
        CliRun remote = audit(ownerKey(), "--host", "http://[::ffff:10.0.0.1]:8000", "--org", ACME);
        assertEquals(1, remote.code());
        assertTrue(remote.err().startsWith("hoglink audit: Use https:// for"), remote.err());
    }

    @Test
    void theSandboxFlagNeedsNoKeyAndAuditsTheEmbeddedSandbox() throws IOException {
        Path out = home.resolve("sub").resolve("x.json");
        Files.createDirectories(out.getParent());
        CliRun r = audit(Map.of(), "--sandbox", "--org", ACME, "--format", "json", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(golden("acme-inventory.json", Files.readString(out)), Files.readString(out));
        List<String> leftovers = new ArrayList<>();
        try (var s = Files.list(out.getParent())) {
            s.forEach(p -> leftovers.add(p.getFileName().toString()));
        }
        assertEquals(List.of("x.json"), leftovers, "the atomic write leaves no temporary file");
    }
}
