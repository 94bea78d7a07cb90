package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link LinkService#unlink} raced against another admin: a plain HTTP client with the owner's key that, at the same
 * moment, links and unlinks the same installation on sibling projects and deletes the very row being unlinked. Each
 * round runs on a fresh sandbox (an unlink of the last reference uninstalls the app for good). Every result is held
 * to what the sandbox's activity log says the delete did, and whose delete it was: PostHog decides at the delete
 * whether the row is the installation's last reference (docs/api-notes.md NH20) and, in some rounds, GitHub refuses
 * the uninstall that follows (recorded as failed, the app left installed), and the other admin's own answers
 * tell which deletes were theirs (both clients act as the same user, so the log alone cannot).
 */
class UnlinkRacesAnotherAdminTest {

    private static final long SEED = 20261207L;
    private static final int ROUNDS = 40;
    private static final String INST = SeedWorld.INST_SECRET_ORPHAN;
    /** Hoglink unlinks Checkout's row; the other admin plays with the siblings and with that row. */
    private static final long TARGET = 108;
    private static final long[] SIBLINGS = {SeedWorld.ACME_SECRET_LAB, 109, 110};

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();

    @TempDir
    Path home;

    /**
     * One of the other admin's requests: planned (status 0; a planned link's {@code row} is its source project), then
     * sent (its answer's status; a link's {@code row} is the row PostHog answered with, -1 when refused).
     */
    private record Op(String kind, long project, long row, int status) {
    }

    /** The installation's team rows at one moment: project to row id. */
    private record Rows(Map<Long, Long> byProject) {
        boolean lastReference(long project) {
            return byProject.size() == 1 && byProject.containsKey(project);
        }
    }

    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void everyUnlinkResultSaysWhatTheActivityLogShowsItsDeleteDidWhileAnotherAdminChangesTheSameInstallation()
            throws Exception {
        Random seeds = new Random(SEED);
        Map<UnlinkResult.Kind, Integer> kinds = new EnumMap<>(UnlinkResult.Kind.class);
        List<String> untrue = new ArrayList<>();
        Organization acme = null;
        Project target = null;
        ExecutorService otherAdmin = Executors.newSingleThreadExecutor();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                Random rnd = new Random(seeds.nextLong());
                try (SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults()
                        .withLatencyMs(4 + rnd.nextInt(8)))) {
                    String base = sandbox.baseUri().toString().replaceAll("/$", "");
                    String key = sandbox.key("owner");
                    PostHogClient client = PostHogClient.builder(base, ApiKey.of(key))
                            .rateLimiter(RateLimiter.unlimited()).retryPolicy(RetryPolicy.none()).build();
                    if (acme == null) {
                        PlanSandbox view = new PlanSandbox(sandbox, "owner", home.resolve("view"));
                        acme = view.acme;
                        target = view.projects.get(TARGET);
                    }
                    ActionJournal journal = new ActionJournal(home.resolve("journal-" + round + ".jsonl"),
                            Clock.systemUTC());
                    LinkService links = new LinkService(client, journal, base);

                    // The state the confirmation showed: Checkout linked, and 0 to 3 siblings still using it.
                    link(base, key, TARGET, SeedWorld.ACME_SECRET_LAB);
                    Set<Long> keep = new HashSet<>();
                    for (long s : SIBLINGS) {
                        if (rnd.nextInt(3) > 0) {
                            keep.add(s);
                        }
                    }
                    for (long s : SIBLINGS) {
                        if (keep.contains(s) && s != SeedWorld.ACME_SECRET_LAB) {
                            link(base, key, s, TARGET);
                        }
                    }
                    if (!keep.contains(SeedWorld.ACME_SECRET_LAB)) {
                        delete(base, key, SeedWorld.ACME_SECRET_LAB, rowOf(base, key, SeedWorld.ACME_SECRET_LAB));
                    }
                    Rows start = rows(base, key);
                    GitHubLink shown = links.links(TARGET).stream().filter(l -> INST.equals(l.installationId()))
                            .findFirst().orElseThrow();
                    boolean accepted = !shown.shared() || rnd.nextBoolean();

                    // The other admin's moves, drawn before the race from the rows its page showed (start): each
                    // change goes out at once, with 0 to 2 reads before it as spacing.
                    List<Op> plan = new ArrayList<>();
                    Map<Long, Long> seen = new LinkedHashMap<>(start.byProject());
                    for (int i = 1 + rnd.nextInt(3); i > 0; i--) {
                        for (int j = rnd.nextInt(3); j > 0; j--) {
                            plan.add(new Op("read", SIBLINGS[rnd.nextInt(SIBLINGS.length)], 0, 0));
                        }
                        long s = SIBLINGS[rnd.nextInt(SIBLINGS.length)];
                        if (rnd.nextInt(5) == 0) {
                            plan.add(new Op("delete-target", TARGET, shown.integrationId(), 0));
                        } else if (seen.containsKey(s)) {
                            plan.add(new Op("unlink-sibling", s, seen.remove(s), 0));
                        } else {
                            long source = seen.keySet().stream().filter(p -> p != TARGET).findFirst().orElse(TARGET);
                            plan.add(new Op("link-sibling", s, source, 0));
                            seen.put(s, -1L);
                        }
                    }
                    // How long the confirmation waits, in reads of the project, before the unlink's own read.
                    int waits = rnd.nextInt(3);
                    // In a third of the rounds GitHub refuses PostHog's uninstall: a last reference's delete is then
                    // recorded with outcome failed, and the app stays installed (NH20).
                    if (rnd.nextInt(3) == 0) {
                        sandbox.refuseUninstall(INST, true);
                    }
                    CountDownLatch go = new CountDownLatch(2);
                    Future<List<Op>> theirs = otherAdmin.submit(() -> {
                        go.countDown();
                        go.await();
                        return play(base, key, plan);
                    });
                    go.countDown();
                    go.await();
                    for (int i = 0; i < waits; i++) {
                        links.links(TARGET);
                    }
                    UnlinkResult r = links.unlink(new LinkService.Target(acme, target), shown, accepted);
                    List<Op> ops = theirs.get(10, TimeUnit.SECONDS);
                    kinds.merge(r.kind(), 1, Integer::sum);

                    String why = judge(base, key, round, start, shown, accepted, ops, r,
                            journal.readAll().entries());
                    if (why != null) {
                        untrue.add(why);
                    }
                }
            }
        } finally {
            otherAdmin.shutdownNow();
        }
        System.out.println("unlink race: rounds " + ROUNDS + ", results " + kinds + ", untrue " + untrue.size());
        assertEquals(List.of(), untrue, "results that did not say what PostHog did");
        // Which outcomes a run reaches depends on timing; the seeded moves reach several (on this machine: the app
        // staying, uninstalled, the uninstall failed, already gone, held back as now the last reference).
        assertTrue(kinds.keySet().size() >= 2, "the race reached several outcomes: " + kinds);
    }

    /** Why the result is untrue to the activity log and the other admin's answers, or null when it is true. */
    private String judge(String base, String key, int round, Rows start, GitHubLink shown, boolean accepted,
                         List<Op> ops, UnlinkResult r, List<JournalEntry> journal) throws Exception {
        long row = shown.integrationId();
        String at = "round " + round + " " + r.kind() + " (" + r.message() + ") ops " + ops + ": ";
        boolean theyDeleted = ops.stream().anyMatch(o -> o.kind().equals("delete-target") && o.status() == 204);
        // The target's log for its row: disconnect_started says whether that delete was the last reference.
        Boolean lastReference = null;
        String uninstall = null;
        boolean deleted = false;
        for (JsonNode a : activity(base, key, TARGET)) {
            JsonNode p = a.path("detail").path("trigger").path("payload");
            if (!String.valueOf(row).equals(p.path("integration_id").asText())) {
                continue;
            }
            switch (p.path("event").asText()) {
                case "disconnect_started" -> lastReference = p.path("last_reference").asBoolean();
                case "uninstall_completed" -> uninstall = p.path("outcome").asText();
                case "deleted" -> deleted = true;
                default -> { }
            }
        }
        boolean hoglinkDeleted = deleted && !theyDeleted;
        boolean claimsDelete = r.kind() == UnlinkResult.Kind.UNLINKED_APP_STAYS
                || r.kind() == UnlinkResult.Kind.UNLINKED_APP_UNINSTALLED
                || r.kind() == UnlinkResult.Kind.UNLINKED_UNINSTALL_FAILED
                || r.kind() == UnlinkResult.Kind.UNLINKED_CONFIRMED_AFTER_NETWORK_FAILURE;
        if (claimsDelete != hoglinkDeleted) {
            return at + (claimsDelete ? "claims a delete the log does not show as Hoglink's"
                    : "Hoglink's delete is in the log, the result does not say so");
        }
        if (r.kind() == UnlinkResult.Kind.UNLINKED_APP_STAYS && (!Boolean.FALSE.equals(lastReference)
                || !"skipped".equals(uninstall))) {
            return at + "said the app stays; the delete was the last reference (" + uninstall + ")";
        }
        if (r.kind() == UnlinkResult.Kind.UNLINKED_APP_UNINSTALLED && (!Boolean.TRUE.equals(lastReference)
                || !"uninstalled".equals(uninstall))) {
            return at + "said the app was uninstalled; the log says " + uninstall;
        }
        if (r.kind() == UnlinkResult.Kind.UNLINKED_UNINSTALL_FAILED && (!Boolean.TRUE.equals(lastReference)
                || !"failed".equals(uninstall))) {
            return at + "said the uninstall failed; the log says " + uninstall;
        }
        if (r.kind() == UnlinkResult.Kind.ALREADY_GONE && !theyDeleted) {
            return at + "already disconnected, yet nobody else deleted the row";
        }
        if (r.kind() == UnlinkResult.Kind.NOW_LAST_REFERENCE) {
            if (accepted || !shown.shared()) {
                return at + "held back although the uninstall was accepted";
            }
            // Some moment of the race had Checkout's row as the installation's only one.
            boolean wasLast = start.lastReference(TARGET);
            Map<Long, Long> now = new LinkedHashMap<>(start.byProject());
            for (Op o : ops) {
                if (o.status() / 100 == 2) {
                    if (o.kind().equals("link-sibling")) {
                        now.put(o.project(), o.row());
                    } else if (o.kind().startsWith("unlink") || o.kind().startsWith("delete")) {
                        now.remove(o.project());
                    }
                }
                wasLast |= new Rows(now).lastReference(TARGET);
            }
            if (!wasLast) {
                return at + "held back as the last reference, which Checkout's row never was";
            }
        }
        if (!claimsDelete && r.kind() != UnlinkResult.Kind.ALREADY_GONE
                && r.kind() != UnlinkResult.Kind.NOW_LAST_REFERENCE) {
            return at + "an outcome this race cannot cause";
        }
        if (journal.size() != 1) {
            return at + "journal lines " + journal;
        }
        String outcome = journal.get(0).outcome().wireName();
        String expected = claimsDelete ? "ok" : r.kind() == UnlinkResult.Kind.ALREADY_GONE ? "already_removed"
                : "not_sent";
        if (!expected.equals(outcome)) {
            return at + "journaled " + outcome + ", not " + expected;
        }
        return null;
    }

    /** Sends the planned moves; each change comes back with its answer (a link with the row PostHog made). */
    private List<Op> play(String base, String key, List<Op> plan) throws Exception {
        List<Op> ops = new ArrayList<>();
        for (Op o : plan) {
            switch (o.kind()) {
                case "read" -> rowOf(base, key, o.project());
                case "link-sibling" -> {
                    HttpResponse<String> a = post(base, key, o.project(), o.row());
                    long id = a.statusCode() == 200 ? JSON.readTree(a.body()).path("id").asLong() : -1;
                    ops.add(new Op(o.kind(), o.project(), id, a.statusCode()));
                }
                default -> ops.add(new Op(o.kind(), o.project(), o.row(), delete(base, key, o.project(), o.row())));
            }
        }
        return ops;
    }

    // ---- the other admin's plain HTTP -------------------------------------------------------------------------

    private HttpRequest.Builder request(String base, String key, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(5))
                .header("Authorization", "Bearer " + key);
    }

    private JsonNode get(String base, String key, String path) throws Exception {
        HttpResponse<String> a = http.send(request(base, key, path).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, a.statusCode(), path + ": " + a.body());
        return JSON.readTree(a.body());
    }

    private Long rowOf(String base, String key, long project) throws Exception {
        for (JsonNode i : get(base, key, "/api/projects/" + project + "/integrations/?kind=github").path("results")) {
            if (INST.equals(i.path("config").path("installation_id").asText())) {
                return i.path("id").asLong();
            }
        }
        return null;
    }

    private Rows rows(String base, String key) throws Exception {
        Map<Long, Long> m = new LinkedHashMap<>();
        for (long p : new long[] {TARGET, SIBLINGS[0], SIBLINGS[1], SIBLINGS[2]}) {
            Long row = rowOf(base, key, p);
            if (row != null) {
                m.put(p, row);
            }
        }
        return new Rows(m);
    }

    private int delete(String base, String key, long project, long row) throws Exception {
        return http.send(request(base, key, "/api/projects/" + project + "/integrations/" + row + "/").DELETE().build(),
                HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    private HttpResponse<String> post(String base, String key, long project, long source) throws Exception {
        String body = "{\"installation_id\":\"" + INST + "\",\"source_team_id\":" + source + "}";
        return http.send(request(base, key, "/api/projects/" + project + "/integrations/github/link_existing/")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private void link(String base, String key, long project, long source) throws Exception {
        HttpResponse<String> a = post(base, key, project, source);
        assertEquals(200, a.statusCode(), a.body());
    }

    private JsonNode activity(String base, String key, long project) throws Exception {
        return get(base, key, "/api/projects/" + project + "/activity_log/?scope=Integration&page_size=1000")
                .path("results");
    }
}
