package dev.hoglink.ui.installrequests;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.UnsupportedPostHogApi;
import dev.hoglink.api.dto.GitHubInstallRequestsDto;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.InstallRequest;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.github.InstallRequestService;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The install requests window's view model, over a scripted PostHog and a hand-driven timer. */
class InstallRequestsViewModelTest {

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    private static final String URL = "https://github.com/apps/posthog/installations/new";

    /** PostHog answering each list call with the next scripted answer (a listing or a failure). */
    static final class ScriptedApi extends UnsupportedPostHogApi {
        final Deque<Supplier<GitHubInstallRequestsDto>> answers = new ArrayDeque<>();
        final List<String> dismissed = new ArrayList<>();
        int lists;

        @Override
        public GitHubInstallRequestsDto githubInstallRequests() {
            lists++;
            return (answers.size() > 1 ? answers.poll() : answers.peek()).get();
        }

        @Override
        public void dismissGitHubInstallRequest(String requestId) {
            dismissed.add(requestId);
        }
    }

    /** A timer the test advances: each scheduled look runs when the test says so. */
    static final class ManualScheduler implements InstallRequestsViewModel.Scheduler {
        final List<Duration> delays = new ArrayList<>();
        Runnable armed;

        @Override
        public Runnable schedule(Duration delay, Runnable task) {
            delays.add(delay);
            armed = task;
            return () -> armed = null;
        }

        void tick() {
            Runnable r = armed;
            armed = null;
            r.run();
        }
    }

    private static GitHubInstallRequestsDto.Item item(String id, String status, String login, String installation) {
        return new GitHubInstallRequestsDto.Item(id, login, status, installation,
                installation == null ? null : "acme-oss", installation == null ? null : "Organization",
                OffsetDateTime.of(2026, 5, 2, 10, 0, 0, 0, ZoneOffset.UTC), null);
    }

    private static Supplier<GitHubInstallRequestsDto> answer(GitHubInstallRequestsDto.Item... items) {
        return () -> new GitHubInstallRequestsDto(List.of(items), URL);
    }

    private final ScriptedApi api = new ScriptedApi();
    private final ManualScheduler timer = new ManualScheduler();
    private Capabilities.Decision write = Capabilities.Decision.ALLOWED;

    private InstallRequestsViewModel vm() {
        return vm(new SameThreadTaskRunner());
    }

    private InstallRequestsViewModel vm(dev.hoglink.ui.common.TaskRunner runner) {
        InstallRequestService service = new InstallRequestService(api, new dev.hoglink.service.journal.ActionJournal(
                tmp.resolve("journal.jsonl"), Clock.systemUTC()), "https://us.posthog.com");
        return new InstallRequestsViewModel(runner, () -> Optional.of(service), () -> write,
                "10000007"::equals, timer, Clock.fixed(Instant.parse("2026-05-02T10:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void pollsEveryFifteenSecondsWhileARequestIsPendingAndStopsWhenNoneIs() {
        api.answers.add(answer(item("p", "pending", "ada-gh", null)));
        api.answers.add(answer(item("p", "pending", "ada-gh", null)));
        api.answers.add(answer(item("p", "approved", "ada-gh", "55555")));
        InstallRequestsViewModel vm = vm();

        vm.load();
        assertTrue(vm.pollingProperty().get());
        assertEquals(List.of(Duration.ofSeconds(15)), timer.delays);
        timer.tick();
        assertEquals(2, api.lists);
        timer.tick();

        assertEquals(3, api.lists);
        assertFalse(vm.pollingProperty().get(), "nothing pending: no further look");
        assertEquals(null, timer.armed);
        assertEquals("Nothing waits on a GitHub owner.", vm.summaryProperty().get());
        assertTrue(vm.rows().get(0).title().startsWith("Approved for acme-oss"));
    }

    @Test
    void closingTheWindowStopsPolling() {
        api.answers.add(answer(item("p", "pending", "ada-gh", null)));
        InstallRequestsViewModel vm = vm();
        vm.load();
        assertTrue(timer.armed != null);

        vm.close();

        assertEquals(null, timer.armed, "the scheduled look is cancelled");
        assertFalse(vm.pollingProperty().get());
        assertEquals(1, api.lists);
    }

    @Test
    void anUnidentifiedRequestSaysItNeverResolvesAndIsNotPolledFor() {
        api.answers.add(answer(item("u", "unidentified", "", null)));
        InstallRequestsViewModel vm = vm();
        vm.load();

        InstallRequestsViewModel.Row row = vm.rows().get(0);
        assertTrue(row.explanation().contains("it never resolves"), row.explanation());
        assertTrue(row.explanation().contains("start the install again"), row.explanation());
        assertFalse(vm.pollingProperty().get(), "waiting would be forever");
    }

    @Test
    void givesTheOwnerAMessageWithTheInstallPage() {
        api.answers.add(answer(item("p", "pending", "ada-gh", null)));
        InstallRequestsViewModel vm = vm();
        vm.load();
        assertEquals(InstallRequest.ownerMessage(java.net.URI.create(URL)), vm.ownerMessageProperty().get());
        assertTrue(vm.ownerMessageProperty().get().contains(URL));
        assertEquals(URL, vm.installUrlProperty().get().toString());
    }

    @Test
    void givesUpAfterThreeFailuresInARowAndWaitsAsLongAsPostHogAsks() {
        api.answers.add(answer(item("p", "pending", "ada-gh", null)));
        api.answers.add(() -> {
            throw new ServiceException(ServiceException.Kind.THROTTLED, "PostHog is limiting requests.", "throttled",
                    null, Duration.ofSeconds(40), null);
        });
        api.answers.add(() -> {
            throw new ServiceException(ServiceException.Kind.SERVER, "PostHog had an internal error.", "error", null,
                    null, null);
        });
        InstallRequestsViewModel vm = vm();
        vm.load();
        timer.tick();
        assertEquals(Duration.ofSeconds(40), timer.delays.get(1), "a 429's Retry-After is longer than 15 s");
        timer.tick();
        timer.tick();

        assertEquals(4, api.lists);
        assertFalse(vm.pollingProperty().get());
        assertEquals(null, timer.armed);
        assertTrue(vm.pollStatusProperty().get().startsWith("Stopped checking after 3 failures"));
        assertTrue(vm.errorProperty().get().contains("internal error"));
    }

    /** PostHog's hourly throttle asks for up to an hour: the status says the next look in minutes. */
    @Test
    void anHoursThrottleSaysTheNextLookInMinutes() {
        api.answers.add(answer(item("p", "pending", "ada-gh", null)));
        api.answers.add(() -> {
            throw ServiceException.throttled(Duration.ofHours(1));
        });
        InstallRequestsViewModel vm = vm();
        vm.load();
        timer.tick();
        assertEquals(Duration.ofHours(1), timer.delays.get(1));
        assertTrue(vm.pollStatusProperty().get().endsWith("; checking again every 15 s while a request is pending "
                + "(next in 60 min, as PostHog asked)."), vm.pollStatusProperty().get());
    }

    @Test
    void dismissTellsPostHogAndReadsTheListAgain() {
        api.answers.add(answer(item("u", "unidentified", "", null), item("a", "approved", "ada-gh", "10000007")));
        api.answers.add(answer(item("a", "approved", "ada-gh", "10000007")));
        InstallRequestsViewModel vm = vm();
        vm.load();

        vm.dismiss(vm.rows().get(0));

        assertEquals(List.of("u"), api.dismissed);
        assertEquals(1, vm.rows().size());
        assertTrue(vm.rows().get(0).explanation().contains("already uses that installation"));
        assertEquals("", vm.errorProperty().get());
        // journaled, as every change is
        var entries = assertDoesNotThrow(() -> new dev.hoglink.service.journal.ActionJournal(tmp.resolve("journal.jsonl"),
                Clock.systemUTC()).readAll().entries());
        assertEquals(1, entries.size());
        assertEquals(dev.hoglink.service.journal.JournalEntry.Action.DISMISS_INSTALL_REQUEST, entries.get(0).action());
        assertEquals("install request u: dismissed", entries.get(0).message());
    }

    @Test
    void aDoubleClickOnDismissSendsOneDismissal() throws Exception {
        api.answers.add(answer(item("u", "unidentified", "", null), item("a", "approved", "ada-gh", "10000007")));
        api.answers.add(answer(item("a", "approved", "ada-gh", "10000007")));
        dev.hoglink.ui.common.ManualTaskRunner runner = new dev.hoglink.ui.common.ManualTaskRunner();
        InstallRequestsViewModel vm = vm(runner);
        vm.load();
        runner.runAll();
        InstallRequestsViewModel.Row row = vm.rows().get(0);

        vm.dismiss(row);
        vm.dismiss(row); // the second click lands before PostHog answered the first
        runner.runAll();

        assertEquals(List.of("u"), api.dismissed);
        assertEquals("", vm.errorProperty().get(), "no \"already gone\" for a request this window dismissed");
        assertEquals(1, new dev.hoglink.service.journal.ActionJournal(tmp.resolve("journal.jsonl"), Clock.systemUTC())
                .readAll().entries().size());
    }

    @Test
    void aDismissalTheJournalCannotTakeIsDoneAndSaysSo() throws Exception {
        java.nio.file.Files.createDirectories(tmp.resolve("journal.jsonl")); // a folder where the file should be
        api.answers.add(answer(item("u", "unidentified", "", null)));
        api.answers.add(answer());
        InstallRequestsViewModel vm = vm();
        vm.load();

        vm.dismiss(vm.rows().get(0));

        assertEquals(List.of("u"), api.dismissed);
        assertTrue(vm.errorProperty().get().startsWith("Dismissed. It could not be written to the action journal"),
                vm.errorProperty().get());
    }

    @Test
    void aReadOnlyConnectionMayNotDismissAndSaysWhy() {
        write = new Capabilities(Optional.of(true), "Acme", 15, Optional.empty(), true).anyWrite();
        api.answers.add(answer(item("u", "unidentified", "", null)));
        InstallRequestsViewModel vm = vm();
        vm.load();

        assertFalse(vm.rows().get(0).canDismiss());
        vm.dismiss(vm.rows().get(0));

        assertEquals(List.of(), api.dismissed);
        assertEquals(Capabilities.READ_ONLY_CONNECTION, vm.errorProperty().get());
        assertEquals(Capabilities.READ_ONLY_CONNECTION, vm.dismissRefusalProperty().get());
    }
}
