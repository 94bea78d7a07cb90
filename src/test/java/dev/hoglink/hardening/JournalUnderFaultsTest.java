package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing is lost from the action journal while the network misbehaves: four threads make calls against a
 * sandbox that answers 5xx, cuts connections, breaks JSON and trickles bodies, and journal each outcome (with
 * the canary key in the note); every line comes back, none carries the key, and a crash that tears the last
 * line loses only that line, not the ones before or after it.
 */
class JournalUnderFaultsTest {

    private static final int THREADS = 4;
    private static final int CALLS = 30;

    @TempDir
    Path dir;

    @Test
    void everyLineAppendedDuringSandboxFaultsIsReadBackAndATornLastLineCostsOnlyItself() throws Exception {
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        Path file = dir.resolve(ActionJournal.FILE_NAME);
        ActionJournal journal = new ActionJournal(file, Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try (Canary canary = new Canary()) {
            sandbox.knobs().setFaults(FaultSpec.parse("5xx=0.2,drop=0.15,malformed=0.15,slow=0.05,slowms=40,seed=11"));
            PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                    .rateLimiter(RateLimiter.unlimited())
                    .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                    .requestTimeout(Duration.ofSeconds(5))
                    .build();
            long projectId = 1; // any id: answers, faults and 404s are all journalled
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = 0; i < CALLS; i++) {
                        JournalEntry.Outcome outcome;
                        String code = null;
                        try {
                            client.githubIntegrations(projectId + i % 3);
                            outcome = JournalEntry.Outcome.OK;
                        } catch (ApiException e) {
                            outcome = e instanceof NetworkException n && n.mayHaveReachedServer()
                                    ? JournalEntry.Outcome.UNKNOWN : JournalEntry.Outcome.FAILED;
                            code = e.code();
                        }
                        journal.append(new JournalEntry(null, sandbox.baseUri().toString(), "org", "Org",
                                (long) i, "Project " + i, "42", JournalEntry.Action.LINK, outcome, code,
                                "call " + thread + "/" + i + " with key " + Canary.KEY));
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            long faults = sandbox.knobs().faultsInjected();
            FaultFigures.add(FaultFigures.FAULTS_INJECTED, faults);
            assertTrue(faults > 0, "faults were injected");

            ActionJournal.ReadResult read = journal.readAll();
            assertTrue(read.clean(), read.report());
            assertEquals(THREADS * CALLS, read.entries().size(), "every appended line is read back");
            Set<String> calls = new HashSet<>();
            read.entries().forEach(e -> calls.add(e.message().substring(0, e.message().indexOf(" with key"))));
            assertEquals(THREADS * CALLS, calls.size(), "each call's own line, none twice");

            // A crash mid-write: half a line, no newline.
            String whole = Files.readAllLines(file, StandardCharsets.UTF_8).get(0);
            Files.writeString(file, whole.substring(0, whole.length() / 2), StandardCharsets.UTF_8,
                    StandardOpenOption.APPEND);
            ActionJournal reopened = new ActionJournal(file, Clock.systemUTC());
            ActionJournal.ReadResult torn = reopened.readAll();
            assertEquals(THREADS * CALLS, torn.entries().size(), "the lines before the torn one are all there");
            assertEquals(1, torn.damaged().size(), torn.report());
            reopened.append(new JournalEntry(null, "h", null, null, 1L, "after", null, JournalEntry.Action.UNLINK,
                    JournalEntry.Outcome.OK, null, "after the crash"));
            ActionJournal.ReadResult after = reopened.readAll();
            assertEquals(THREADS * CALLS + 1, after.entries().size(), "a line written after the crash is kept");
            assertEquals("after the crash", after.entries().get(after.entries().size() - 1).message());
            FaultFigures.add("journal lines written under faults", THREADS * CALLS + 1L);

            int hits = Canary.count(Files.readString(file, StandardCharsets.UTF_8)) + canary.logHits();
            FaultFigures.add(FaultFigures.CANARY_HITS, hits);
            assertEquals(0, hits, "the key reached the journal or the log");
            FaultFigures.add(FaultFigures.RETRIES, client.stats().retries());
        } finally {
            pool.shutdownNow();
            sandbox.stop();
        }
    }
}
