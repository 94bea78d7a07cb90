package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoglink.cli.AuditCommand;
import dev.hoglink.service.CsvTable;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code hoglink audit} against a hostile server: organization and project names that hold line breaks, ANSI
 * escapes and bidirectional overrides, spreadsheet formulas, and the caller's own key echoed back in the forms a
 * server might transform it into. Nothing of it may forge a terminal line, run as a formula, or show the key on
 * stdout, stderr, the --out file or the log.
 */
class HostileNamesCliTest {

    static final String PHX_KEY = "phx_HostileEcho" + Long.toHexString(System.nanoTime()) + "Tail";
    static final String ODD_KEY = "OddStyleKey-" + Long.toHexString(System.nanoTime()) + "-Tail";

    /** Names built to forge or hide terminal lines. */
    static final List<String> TERMINAL_NAMES = List.of(
            "Acme\nhoglink audit: done",
            "Acme\rhoglink audit: done",
            "Acme\u001b[2K\u001b[1Ghoglink audit: done",
            "Acme\u202egnp.exe\u202c",
            "Acme\u2066hidden\u2069\u0085\u009b31m",
            "Acme\u0007\u0008\u007f");

    static final List<String> FORMULAS = List.of("=HYPERLINK(\"http://x\",\"y\")", "+1+1", "-1+1", "@SUM(A1)",
            "\t=1", "\r=1");

    /**
     * The key as a server may echo it: verbatim, URL-encoded, spaced out, in another letter case, and broken up by
     * characters the output removes or escapes (a bell, a bidirectional override, a line break), which must not
     * join the key back together on a terminal, in a CSV cell or in a JSON string.
     */
    static List<String> keyForms(String key) {
        List<String> forms = new ArrayList<>(List.of(key, key.replace("_", "%5F"), key.replace("_", "%5f"),
                String.join(" ", key.split("")), String.join("\u200b", key.split("")),
                String.join("\u0007", key.split("")), String.join("\u202e", key.split("")),
                String.join("\n", key.split("")),
                java.net.URLEncoder.encode(key, StandardCharsets.UTF_8).replace("-", "%2D")));
        if (!key.startsWith("phx_")) {
            forms.add(key.toLowerCase(Locale.ROOT));
            forms.add(key.toUpperCase(Locale.ROOT));
        }
        return forms;
    }

    @TempDir
    Path home;
    HttpServer server;
    final ObjectMapper json = new ObjectMapper();
    volatile List<String> orgNames = List.of();
    volatile List<String> projectNames = List.of();
    dev.hoglink.support.LogCapture logCapture;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        System.setProperty("hoglink.home", home.toString());
        logCapture = dev.hoglink.support.LogCapture.asTheLogFile();
    }

    @AfterEach
    void stop() {
        logCapture.close();
        System.clearProperty("hoglink.home");
        server.stop(0);
    }

    private void serve(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        if (path.matches("/api/organizations/[^/]+/")) {
            // The organization's detail: every team the user sees (here one per project, no environments).
            ObjectNode org = json.createObjectNode().put("id", "org-0").put("name", orgNames.get(0));
            ArrayNode teams = org.putArray("teams");
            for (int i = 0; i < projectNames.size(); i++) {
                teams.addObject().put("id", 100 + i).put("project_id", 100 + i).put("name", projectNames.get(i));
            }
            byte[] body = json.writeValueAsBytes(org);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            ex.getResponseBody().write(body);
            ex.close();
            return;
        }
        ObjectNode page = json.createObjectNode();
        page.putNull("next");
        ArrayNode results = page.putArray("results");
        if (path.equals("/api/organizations/")) {
            for (int i = 0; i < orgNames.size(); i++) {
                results.addObject().put("id", "org-" + i).put("name", orgNames.get(i)).put("slug", "org-" + i);
            }
        } else if (path.matches("/api/organizations/[^/]+/projects/")) {
            for (int i = 0; i < projectNames.size(); i++) {
                results.addObject().put("id", 100 + i).put("name", projectNames.get(i)).put("organization", "org-0");
            }
        } else if (!path.matches("/api/projects/\\d+/integrations/")) {
            ex.sendResponseHeaders(404, -1);
            ex.close();
            return;
        }
        page.put("count", results.size());
        byte[] body = json.writeValueAsBytes(page);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, body.length);
        ex.getResponseBody().write(body);
        ex.close();
    }

    record Run(int code, String out, String err) {
    }

    Run audit(String key, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("--host", "http://127.0.0.1:" + server.getAddress().getPort()));
        all.addAll(List.of(args));
        int code = AuditCommand.run(all, Map.of(AuditCommand.KEY_VARIABLE, key),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void organizationNamesThatForgeTerminalLinesArePrintedOnOneCleanLine() {
        orgNames = new ArrayList<>(TERMINAL_NAMES);
        FaultFigures.add(FaultFigures.HOSTILE_NAMES, orgNames.size());
        Run r = audit(PHX_KEY);
        assertEquals(2, r.code(), r.err());
        assertEquals(1, r.err().split("\n", -1).length - 1, "one line on stderr: " + r.err());
        assertTrue(r.err().startsWith("hoglink audit: the key sees 6 organizations"), r.err());
        r.err().chars().forEach(c -> assertFalse(dev.hoglink.util.PrintableText.unsafe(c) && c != '\n',
                "unsafe character U+" + Integer.toHexString(c) + " in " + r.err()));
    }

    @Test
    void projectNamesThatForgeTerminalLinesLeaveNoControlCharacterOnStdout() {
        orgNames = List.of("Acme");
        projectNames = new ArrayList<>(TERMINAL_NAMES);
        FaultFigures.add(FaultFigures.HOSTILE_NAMES, projectNames.size());
        for (String format : List.of("csv", "json")) {
            Run r = audit(PHX_KEY, "--format", format);
            assertEquals(0, r.code(), r.err());
            r.out().chars().forEach(c -> assertFalse(dev.hoglink.util.PrintableText.unsafe(c) && c != '\n' && c != '\r',
                    format + ": unsafe character U+" + Integer.toHexString(c)));
        }
    }

    @Test
    void formulaNamesAreNeutralisedInTheCsvOnStdoutAndInTheOutFile() throws IOException {
        orgNames = List.of("Acme");
        projectNames = FORMULAS;
        FaultFigures.add(FaultFigures.HOSTILE_NAMES, projectNames.size());
        long before = CsvTable.neutralisedCells();
        Run r = audit(PHX_KEY);
        Path file = home.resolve("inv.csv");
        Run toFile = audit(PHX_KEY, "--out", file.toString());
        assertEquals(0, r.code() + toFile.code(), r.err() + toFile.err());
        FaultFigures.add(FaultFigures.CSV_NEUTRALISED, CsvTable.neutralisedCells() - before);
        for (String csv : List.of(r.out(), Files.readString(file))) {
            for (String line : csv.split("\r\n")) {
                for (String f : FORMULAS) {
                    assertFalse(line.contains("," + f.replace("\"", "\"\"")) || line.contains(",\"" + f.replace("\"", "\"\"")),
                            "formula cell left as is: " + line);
                }
            }
            assertEquals(FORMULAS.size(), csv.split(",\"?'", -1).length - 1, csv);
        }
    }

    @Test
    void theKeyEchoedInAnyFormNeverReachesStdoutStderrTheOutFileOrTheLog() throws IOException {
        for (String key : List.of(PHX_KEY, ODD_KEY)) {
            List<String> forms = keyForms(key);
            FaultFigures.add(FaultFigures.KEY_FORMS, forms.size());
            orgNames = new ArrayList<>(forms);
            projectNames = forms;
            Run several = audit(key);
            assertEquals(2, several.code(), several.err());
            orgNames = List.of(forms.get(forms.size() - 1));
            Path file = home.resolve("out-" + key.length() + ".json");
            List<Run> runs = List.of(several, audit(key), audit(key, "--format", "json"),
                    audit(key, "--format", "json", "--out", file.toString()));
            List<String> texts = new ArrayList<>();
            runs.forEach(run -> texts.addAll(List.of(run.out(), run.err())));
            texts.add(Files.readString(file));
            for (String jsonText : List.of(runs.get(2).out(), Files.readString(file))) {
                texts.add(json.readTree(jsonText).findValuesAsText("name").toString()); // as a JSON reader sees them
                texts.add(json.readTree(jsonText).findValuesAsText("project_name").toString());
            }
            texts.add(logCapture.text());
            Function<String, String> squash = s -> s.codePoints().filter(c -> !dev.hoglink.util.PrintableText.unsafe(c))
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString()
                    .replaceAll("[\\s\\u200b]|%20", "").replaceAll("(?i)%5f", "_")
                    .replaceAll("(?i)%2d", "-").toLowerCase(Locale.ROOT);
            String tail = squash.apply(key.substring(5));
            for (String text : texts) {
                assertFalse(squash.apply(text).contains(tail), "key form leaked: " + text);
            }
            assertTrue(runs.get(1).out().contains("[redacted]"), runs.get(1).out());
        }
    }
}
