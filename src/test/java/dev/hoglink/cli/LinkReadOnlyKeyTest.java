package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Capabilities;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code hoglink link --apply} with a key that may not write integrations: refused before anything is sent when the
 * key's own scopes say so (as the window reads them), sent as before when they cannot be read.
 */
class LinkReadOnlyKeyTest extends CliSandboxTest {

    private static final List<String> READS = List.of("user:read", "organization:read", "project:read",
            "integration:read", "activity_log:read");

    private CliRun link(String... args) {
        return CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, server.key("owner")), AppDirs.under(home), args);
    }

    private Path plan() throws Exception {
        Path file = home.resolve("plan.csv");
        CliRun plan = link("--plan", "--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG,
                "--installation", SeedWorld.INST_ACME, "--projects", "ids:108,109", "--out", file.toString());
        assertEquals(0, plan.code(), plan.err());
        return file;
    }

    /** Becomes 1 when the first link request reaches the sandbox. */
    private AtomicInteger linksSent() {
        AtomicInteger sent = new AtomicInteger();
        server.onceBefore("POST", ".*/integrations/github/link_existing/?", sent::incrementAndGet);
        return sent;
    }

    @Test
    void aKeyWhoseScopesLackIntegrationWriteIsRefusedBeforeAnythingIsSent() throws Exception {
        Path file = plan();
        // The key's owner took integration:write away since the plan was made; the key may still read itself.
        server.setKeyScopes(server.key("owner"), java.util.stream.Stream.concat(READS.stream(),
                java.util.stream.Stream.of("personal_api_key:read")).toList());
        AtomicInteger sent = linksSent();
        CliRun apply = link("--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(1, apply.code(), apply.err());
        assertEquals(0, sent.get(), "no link request was sent");
        String id = Files.readAllLines(file).get(1).split(",")[0];
        assertEquals("hoglink link: plan " + id + " was not applied and nothing was sent. " + Capabilities.READ_ONLY,
                apply.err().strip());
        assertTrue(apply.err().contains("it lacks integration:write"), apply.err());
        assertEquals("", apply.out(), "no result: nothing was run");
    }

    @Test
    void aKeyThatCannotReadItsScopesIsSentAndPostHogsFirstScopeRefusalHoldsTheRest() throws Exception {
        Path file = plan();
        server.setKeyScopes(server.key("owner"), READS); // no personal_api_key:read: @current is refused
        AtomicInteger sent = linksSent();
        CliRun apply = link("--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(LinkCommand.NOT_ALL_LINKED, apply.code(), apply.err());
        assertEquals(1, sent.get(), "the first link was sent");
        assertFalse(apply.err().contains("was not applied"), apply.err());
        // PostHog refuses the key's missing integration:write the same for every project: one refusal, not one each.
        assertTrue(apply.err().contains("Refused by PostHog: 1 · Not sent: 1"), apply.err());
    }

    /** How many link requests reach the sandbox for each of these projects. */
    private Map<Long, AtomicInteger> linkRequests(long... projects) {
        Map<Long, AtomicInteger> sent = new java.util.LinkedHashMap<>();
        for (long p : projects) {
            AtomicInteger n = new AtomicInteger();
            server.onceBefore("POST", "/api/projects/" + p + "/integrations/github/link_existing/?", n::incrementAndGet);
            sent.put(p, n);
        }
        return sent;
    }

    /**
     * A key limited to projects cannot read its own scopes (PostHog refuses it @current, docs/api-notes.md N10), so
     * nothing is refused beforehand. PostHog's first answer, 403 "API key missing required scope
     * 'integration:write'", holds every project after it: they end "Not sent", the reason said once in the window's
     * words, and only the one request is journaled.
     */
    @Test
    void aKeyLimitedToProjectsWithoutIntegrationWriteSendsOneLinkAndHoldsTheRestWithTheWindowsWords()
            throws Exception {
        Path file = home.resolve("plan.csv");
        CliRun plan = link("--plan", "--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG,
                "--installation", SeedWorld.INST_ACME, "--projects", "ids:108-110", "--out", file.toString());
        assertEquals(0, plan.code(), plan.err());
        String limited = server.addKey(SeedWorld.ADA, java.util.stream.Stream.concat(READS.stream(),
                java.util.stream.Stream.of("personal_api_key:read")).toList(), List.of(101, 108, 109, 110), List.of());
        Map<Long, AtomicInteger> sent = linkRequests(108, 109, 110);

        CliRun apply = CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, limited), AppDirs.under(home), "--apply",
                file.toString(), "--host", server.baseUri().toString());

        assertEquals(LinkCommand.NOT_ALL_LINKED, apply.code(), apply.err());
        assertEquals(List.of(1, 0, 0), sent.values().stream().map(AtomicInteger::get).toList(), "one request only");
        assertTrue(apply.err().contains("Refused by PostHog: 1 · Not sent: 2"), apply.err());
        assertTrue(apply.err().lines().anyMatch(("hoglink link: Search (id 109) and Billing (id 110) were not sent: "
                + Capabilities.READ_ONLY)::equals), apply.err());
        assertEquals(1, apply.err().split(java.util.regex.Pattern.quote("it lacks integration:write"), -1).length - 1,
                "the reason is said once: " + apply.err());
        List<String> rows = apply.out().lines().toList();
        assertTrue(rows.stream().anyMatch(l -> l.startsWith("108,Checkout,will_link,refused,")
                && l.contains(Capabilities.READ_ONLY)), apply.out());
        for (String p : List.of("109,Search", "110,Billing")) {
            assertTrue(rows.stream().anyMatch(l -> l.startsWith(p + ",will_link,not_sent,")
                    && l.contains("Not sent: " + Capabilities.READ_ONLY)), apply.out());
        }
        List<dev.hoglink.service.journal.JournalEntry> journaled = dev.hoglink.service.journal.ActionJournal
                .open(AppDirs.under(home)).readAll().entries().stream()
                .filter(e -> e.action() == dev.hoglink.service.journal.JournalEntry.Action.LINK).toList();
        assertEquals(1, journaled.size(), journaled.toString());
        assertEquals("failed", journaled.get(0).outcome().wireName());
        assertEquals("permission_denied", journaled.get(0).errorCode());
        assertTrue(journaled.get(0).message().contains("API key missing required scope 'integration:write'"),
                journaled.get(0).message());
    }
}
