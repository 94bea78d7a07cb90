package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.cli.SandboxCommand;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code sandbox} command's flags and output (the long-running form is covered by SandboxStateFileTest). */
class SandboxCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SandboxCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badFlagsPrintUsageAndExitTwo() {
        for (String[] args : List.of(new String[]{"--frob"}, new String[]{"--port"}, new String[]{"--port", "x"},
                new String[]{"--port", "70000"}, new String[]{"--faults", "5xx=7"}, new String[]{"extra"},
                new String[]{"--site-url", "ftp://x"}, new String[]{"--site-url", "http://h/path"})) {
            out.reset();
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("hoglink sandbox: ") && text.contains("Usage: hoglink sandbox"), text);
        }
    }

    @Test
    void flagsMapToOptions() {
        SandboxOptions o = SandboxCommand.parse(List.of("--port", "8010", "--latency-ms", "25", "--projects", "2000",
                "--state", "w.json", "--faults", "5xx=0.1,seed=4", "--throttle"));
        assertEquals(8010, o.port());
        assertEquals(25, o.latencyMs());
        assertEquals(2000, o.extraProjects());
        assertEquals("w.json", o.stateFile().toString());
        assertEquals(0.1, o.faults().serverErrorRate());
        assertTrue(o.throttle());
        SandboxOptions d = SandboxCommand.parse(List.of());
        assertEquals(0, d.port());
        assertTrue(!d.throttle() && !d.faults().any() && d.stateFile() == null && d.siteUrl() == null);
        assertEquals("http://localhost:{port}", SandboxCommand.parse(List.of("--site-url", "http://localhost:{port}/"))
                .siteUrl());
    }

    @Test
    void aSiteUrlIsPrintedAfterTheListeningAddress() throws Exception {
        try (SandboxServer s = SandboxCommand.start(List.of("--site-url", "http://localhost:{port}"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals("url=" + s.baseUri(), lines.get(0));
            assertEquals("site_url=http://localhost:" + s.port(), lines.get(1));
        }
    }

    @Test
    void startPrintsOneNameValueLinePerSetting() throws Exception {
        try (SandboxServer s = SandboxCommand.start(List.of("--latency-ms", "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals("url=" + s.baseUri(), lines.get(0));
            assertEquals(1 + SeedWorld.ROLES.size(), lines.size());
            assertEquals("key.owner=" + s.key("owner"), lines.get(1));
            assertTrue(lines.stream().allMatch(l -> l.matches("[a-z._]+=\\S+")), lines.toString());
        }
    }

    @Test
    void unnamedSourcesTurnsTheSourceNamesOffAndTheControlCommandBackOn() throws Exception {
        try (SandboxServer s = SandboxCommand.start(List.of("--unnamed-sources"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertTrue(!s.knobs().sourceTeamNames());
            ByteArrayOutputStream replies = new ByteArrayOutputStream();
            SandboxCommand.control(s.knobs(), new BufferedReader(new StringReader("source-names on\nsource-names x\n")),
                    new PrintStream(replies, true, StandardCharsets.UTF_8));
            assertEquals(List.of("ok", "error source-names takes on or off"),
                    replies.toString(StandardCharsets.UTF_8).lines().toList());
            assertTrue(s.knobs().sourceTeamNames());
        }
        try (SandboxServer s = SandboxCommand.start(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            assertTrue(s.knobs().sourceTeamNames(), "named by default");
        }
    }

    /**
     * --shared-elsewhere seeds the one state the default world lacks: an installation of Acme (acme-labs, used by
     * Labs alone) that a project of another organization uses too, so Labs reads "elsewhere" and the audit's Shared
     * tile has its "+1 elsewhere".
     */
    @Test
    void sharedElsewhereLinksAGlobexProjectToAcmeLabsSoLabsIsSharedOnlyOutsideAcme() throws Exception {
        try (SandboxServer s = SandboxCommand.start(List.of("--shared-elsewhere"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            dev.hoglink.service.inventory.HttpInventoryService service = new dev.hoglink.service.inventory.HttpInventoryService(
                    dev.hoglink.api.PostHogClient.builder(s.baseUri().toString(),
                            dev.hoglink.api.ApiKey.of(s.key("owner"))).build());
            List<dev.hoglink.model.GitHubLink> labs = service.githubLinks(104);
            assertEquals(1, labs.size());
            assertTrue(labs.get(0).shared(), "PostHog's flag counts Globex Android's row");
            List<dev.hoglink.model.GitHubLink> android = service.githubLinks(SeedWorld.GLOBEX_ANDROID);
            assertEquals(List.of(SeedWorld.INST_ACME_LABS), android.stream().map(l -> l.installationId()).toList());
            assertTrue(android.get(0).shared());
            dev.hoglink.model.Organization acme = service.organizations().stream()
                    .filter(o -> o.id().equals(SeedWorld.ACME_ORG)).findFirst().orElseThrow();
            dev.hoglink.service.audit.AuditReport audit = new dev.hoglink.service.audit.AuditService(service, null, null,
                    java.time.Clock.systemUTC(), 2).audit(s.baseUri().toString(), acme,
                    dev.hoglink.service.audit.AuditService.Progress.NONE);
            assertEquals(1, audit.summary().sharedElsewhere(), "the audit's \"+1 elsewhere\"");
            s.shareInstallationElsewhere();
            assertEquals(1, service.githubLinks(SeedWorld.GLOBEX_ANDROID).size(), "once only");
        }
        try (SandboxServer s = SandboxCommand.start(List.of(), new PrintStream(out, true, StandardCharsets.UTF_8))) {
            dev.hoglink.service.inventory.HttpInventoryService service = new dev.hoglink.service.inventory.HttpInventoryService(
                    dev.hoglink.api.PostHogClient.builder(s.baseUri().toString(),
                            dev.hoglink.api.ApiKey.of(s.key("owner"))).build());
            assertTrue(!service.githubLinks(104).get(0).shared(), "the default world: Labs alone");
            assertTrue(service.githubLinks(SeedWorld.GLOBEX_ANDROID).isEmpty());
        }
    }

    /**
     * {@code refuse-uninstall ID on|off} makes GitHub refuse PostHog's uninstall of a seeded installation (and accept it
     * again), so a script can walk an unlink whose uninstall failed against a standalone sandbox.
     */
    @Test
    void refuseUninstallControlsTheInstallationAndSaysWhatIsWrong() throws Exception {
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults())) {
            String script = String.join("\n", "refuse-uninstall " + SeedWorld.INST_SECRET_ORPHAN + " on",
                    "refuse-uninstall 999 on", "refuse-uninstall " + SeedWorld.INST_SECRET_ORPHAN + " maybe",
                    "refuse-uninstall");
            SandboxCommand.control(s, new BufferedReader(new StringReader(script)),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertEquals(List.of("ok", "error no installation 999",
                    "error refuse-uninstall takes an installation id and on or off", "error refuse-uninstall needs a value"),
                    out.toString(StandardCharsets.UTF_8).lines().toList());
            assertTrue(refuses(s, SeedWorld.INST_SECRET_ORPHAN));
            SandboxCommand.control(s, new BufferedReader(new StringReader("refuse-uninstall "
                    + SeedWorld.INST_SECRET_ORPHAN + " off\n")), new PrintStream(new ByteArrayOutputStream(), true,
                    StandardCharsets.UTF_8));
            assertTrue(!refuses(s, SeedWorld.INST_SECRET_ORPHAN), "accepted again");
            ByteArrayOutputStream knobsOnly = new ByteArrayOutputStream();
            SandboxCommand.control(s.knobs(), new BufferedReader(new StringReader("refuse-uninstall 10000005 on\n")),
                    new PrintStream(knobsOnly, true, StandardCharsets.UTF_8));
            assertEquals("error refuse-uninstall needs the running sandbox", knobsOnly.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private static boolean refuses(SandboxServer s, String installationId) throws java.io.IOException {
        for (com.fasterxml.jackson.databind.JsonNode i : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(s.snapshot()).path("installations")) {
            if (i.path("installationId").asText().equals(installationId)) {
                return i.path("refusesUninstall").asBoolean();
            }
        }
        throw new AssertionError("no installation " + installationId);
    }

    @Test
    void controlCommandsChangeTheKnobsAndAnswerOneLineEach() throws Exception {
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults())) {
            SandboxKnobs k = s.knobs();
            String script = String.join("\n", "faults 5xx=0.25,drop=0.5,seed=9", "burst 3", "latency 40",
                    "throttle on", "", "summary", "frob", "burst x", "faults 5xx=2", "faults", "throttle maybe",
                    "stop", "latency 999");
            SandboxCommand.control(k, new BufferedReader(new StringReader(script)),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            List<String> replies = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals(List.of("ok", "ok", "ok", "ok", "ok " + k.summary()), replies.subList(0, 5));
            assertTrue(replies.get(5).startsWith("error unknown command 'frob'"), replies.get(5));
            assertEquals("error burst needs a whole number, not 'x'", replies.get(6));
            assertTrue(replies.get(7).startsWith("error fault 5xx is a rate"), replies.get(7));
            assertEquals("error faults needs a value", replies.get(8));
            assertEquals("error throttle takes on or off", replies.get(9));
            assertEquals("ok", replies.get(10));
            assertEquals(11, replies.size(), "nothing is read after stop");
            assertEquals(FaultSpec.parse("5xx=0.25,drop=0.5,seed=9"), k.faults(), "a bad command changes nothing");
            assertEquals(40, k.latencyMs(), "the command after stop was not run");
            assertTrue(k.throttle());
        }
    }

    @Test
    void theControlledCommandStopsAtTheEndOfItsInputAndAppliesABurst() throws Exception {
        String script = "burst 2\nsummary\n";
        int code = SandboxCommand.run(List.of("--control", "--port", "0"),
                new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertTrue(lines.get(0).startsWith("url=http://127.0.0.1:"), lines.toString());
        assertEquals("ok", lines.get(1 + SeedWorld.ROLES.size()));
        assertTrue(lines.get(2 + SeedWorld.ROLES.size()).startsWith("ok requests=0 faults=0"), lines.toString());
    }

    @Test
    void aFaultSpecPrintsInTheFormItIsParsedFrom() {
        for (String spec : List.of("", "5xx=0.1", "5xx=0.05,burst429=4,slow=0.125,slowms=40,drop=0.02,malformed=0.3,seed=-7",
                "burst429=12,seed=123456789012")) {
            FaultSpec f = FaultSpec.parse(spec);
            assertEquals(f, FaultSpec.parse(f.spec()), spec);
        }
        assertEquals(FaultSpec.NONE, FaultSpec.parse(FaultSpec.NONE.spec()));
    }
}
