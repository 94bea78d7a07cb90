package dev.hoglink.service.journal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.link.PlanSandbox;
import dev.hoglink.service.link.UnlinkResult;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hoglink stops between PostHog's answer and the journal line with the outcome (killed, the machine off, the disk
 * gone): PostHog made the change, and the journal, read by the next start, still says so may have happened
 * ({@code unknown}, {@code no_answer_recorded}) instead of showing nothing. The crash is the outcome line's fsync
 * failing with the line taken back off the file, as if it never reached the disk.
 */
class JournalCrashAfterAnswerTest {

    private static final long CHECKOUT = 108;
    private static final long SECRET_LAB = 124;

    @TempDir
    Path home;
    private SandboxServer sandbox;
    private PlanSandbox acme;
    private LinkService links;
    private Path file;
    /** The fsync that "crashes": counted from 1 over this journal's writes. */
    private int crashAt;
    private int forces;

    @BeforeEach
    void start() throws IOException {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        acme = new PlanSandbox(sandbox, "owner", home.resolve("setup"));
        file = home.resolve(ActionJournal.FILE_NAME);
        ActionJournal journal = new ActionJournal(file, Clock.systemUTC(), ch -> {
            if (++forces == crashAt) {
                ch.truncate(ch.size() - lastLine(ch));
                throw new IOException("killed");
            }
            ch.force(true);
        });
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        links = new LinkService(client, journal, sandbox.baseUri().toString().replaceAll("/$", ""));
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private LinkService.Target target(long projectId) {
        return new LinkService.Target(acme.acme, acme.projects.get(projectId));
    }

    /** What the next start reads. */
    private List<JournalEntry> nextStart() throws IOException {
        return new ActionJournal(file, Clock.systemUTC()).readAll().entries();
    }

    @Test
    void aLinkPostHogMadeBeforeTheCrashReadsAsUnknownAtTheNextStart() throws Exception {
        InstallationOption acmeSecret = links.available(CHECKOUT).installations().stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.installationId())).findFirst().orElseThrow();
        crashAt = 2; // the line before sending is written; the outcome's is lost

        LinkResult r = links.linkOne(target(CHECKOUT), acmeSecret);

        assertTrue(r.linked(), "PostHog made the link: " + r.message());
        assertNotNull(r.journalProblem(), "the window is told the journal missed it");
        assertTrue(links.links(CHECKOUT).stream().anyMatch(l -> SeedWorld.INST_SECRET_ORPHAN.equals(l.installationId())));
        List<JournalEntry> read = nextStart();
        assertEquals(1, read.size(), read.toString());
        JournalEntry e = read.get(0);
        assertEquals(JournalEntry.Action.LINK, e.action());
        assertEquals(JournalEntry.Outcome.UNKNOWN, e.outcome());
        assertEquals(ActionJournal.NO_ANSWER_RECORDED, e.errorCode());
        assertEquals(CHECKOUT, e.projectId());
        assertEquals(SeedWorld.INST_SECRET_ORPHAN, e.installationId());
        assertEquals(SeedWorld.ACME_ORG, e.organizationId());
    }

    @Test
    void anUnlinkPostHogMadeBeforeTheCrashReadsAsUnknownAtTheNextStart() throws Exception {
        GitHubLink row = links.links(SECRET_LAB).get(0);
        crashAt = 2;

        UnlinkResult r = links.unlink(target(SECRET_LAB), row, true);

        assertTrue(r.unlinked(), r.message());
        assertTrue(links.links(SECRET_LAB).isEmpty(), "PostHog removed the row");
        List<JournalEntry> read = nextStart();
        assertEquals(1, read.size(), read.toString());
        assertEquals(JournalEntry.Action.UNLINK, read.get(0).action());
        assertEquals(JournalEntry.Outcome.UNKNOWN, read.get(0).outcome());
        assertEquals(SECRET_LAB, read.get(0).projectId());
    }

    @Test
    void withoutACrashTheNextStartReadsEachChangeOnceAsItEnded() throws Exception {
        InstallationOption acmeSecret = links.available(CHECKOUT).installations().stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.installationId())).findFirst().orElseThrow();
        LinkResult linked = links.linkOne(target(CHECKOUT), acmeSecret);
        UnlinkResult unlinked = links.unlink(target(CHECKOUT), linked.link(), true);
        assertTrue(linked.linked() && unlinked.unlinked(), linked.message() + " / " + unlinked.message());

        List<JournalEntry> read = nextStart();
        assertEquals(List.of(JournalEntry.Action.LINK, JournalEntry.Action.UNLINK),
                read.stream().map(JournalEntry::action).toList());
        assertEquals(List.of(JournalEntry.Outcome.OK, JournalEntry.Outcome.OK),
                read.stream().map(JournalEntry::outcome).toList());
        assertEquals(4, forces, "two lines a change: before sending and the outcome");
    }

    /** The length of the file's last line, its newline included. */
    private static long lastLine(FileChannel ch) throws IOException {
        ByteBuffer all = ByteBuffer.allocate((int) ch.size());
        ch.read(all, 0);
        String text = new String(all.array(), StandardCharsets.UTF_8);
        String body = text.substring(0, text.length() - 1);
        return text.getBytes(StandardCharsets.UTF_8).length
                - body.substring(0, body.lastIndexOf('\n') + 1).getBytes(StandardCharsets.UTF_8).length;
    }
}
