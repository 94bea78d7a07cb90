package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.ServiceException;
import dev.hoglink.support.DemoData;
import dev.hoglink.ui.common.ManualTaskRunner;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryViewModelTest {

    private static final String HOST = "https://us.posthog.com";
    private static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    @TempDir
    Path tmp;

    private final FakeInventoryService fake = DemoData.acme();
    private final MutableClock clock = new MutableClock(NOW);

    /** One cache per test, as the app has one: a view model reads back what an earlier one saved. */
    private InventoryCache cache;

    /** The cache writes on its own thread; it finishes before the temporary folder is deleted. */
    @org.junit.jupiter.api.AfterEach
    void flushCache() {
        if (cache != null) {
            assertTrue(cache.flush(Duration.ofSeconds(10)), "the cache writer finished");
        }
    }

    private InventoryViewModel vm(dev.hoglink.ui.common.TaskRunner runner) {
        if (cache == null) {
            cache = new InventoryCache(tmp);
        }
        return new InventoryViewModel(runner, cache, clock, 4);
    }

    private InventoryViewModel loaded() {
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        vm.connect(HOST, fake, null);
        return vm;
    }

    private static List<Long> visibleIds(InventoryViewModel vm) {
        return vm.table().visibleRows().stream().map(ProjectRowViewModel::id).toList();
    }

    @Test
    void picksTheFirstOrganizationAndShowsEveryProject() {
        InventoryViewModel vm = loaded();
        assertEquals(DemoData.ACME, vm.selectedOrganizationProperty().get());
        assertEquals(List.of(DemoData.ACME, DemoData.BETA), vm.organizations());
        assertEquals(10, vm.rows().size());
        assertFalse(vm.busyProperty().get());
        assertEquals(10, vm.doneProperty().get());
        assertEquals(10, vm.totalProperty().get());
    }

    @Test
    void choosingAnotherOrganizationShowsItsProjects() {
        InventoryViewModel vm = loaded();
        vm.selectedOrganizationProperty().set(DemoData.BETA);
        assertEquals(List.of(201L), vm.rows().stream().map(ProjectRowViewModel::id).toList());
        assertEquals(RowState.NOT_CONNECTED, vm.rows().get(0).state());
    }

    @Test
    void showsEachPageOfProjectsAndStartsItsStatusRequestsBeforeTheNextPageArrives() {
        int[] rowsAfterFirstPage = new int[1];
        int[] statusCallsAfterFirstPage = new int[1];
        InventoryViewModel[] holder = new InventoryViewModel[1];
        dev.hoglink.service.inventory.InventoryService paged = new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
            @Override
            public List<dev.hoglink.model.Project> projects(String org,
                    java.util.function.Consumer<List<dev.hoglink.model.Project>> onPage) {
                List<dev.hoglink.model.Project> all = fake.projects(org);
                onPage.accept(all.subList(0, 3));
                rowsAfterFirstPage[0] = holder[0].rows().size();
                statusCallsAfterFirstPage[0] = fake.calls("githubLinks");
                onPage.accept(all.subList(3, all.size()));
                return all;
            }
        };
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        holder[0] = vm;
        vm.connect(HOST, paged, null);
        assertEquals(3, rowsAfterFirstPage[0], "the first page is on screen before the second arrives");
        assertEquals(3, statusCallsAfterFirstPage[0], "its status requests already went out");
        assertEquals(10, vm.rows().size());
        assertEquals(10, fake.calls("githubLinks"), "no project is fetched twice");
        assertEquals(10, vm.doneProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void aPagedLoadAndARefreshWhereNothingMovedNeverReplaceOrRemoveTheTablesRows() {
        // The table rebuilds every cell when its items are replaced; with thousands of rows that is a long pulse.
        dev.hoglink.service.inventory.InventoryService paged = new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
            @Override
            public List<dev.hoglink.model.Project> projects(String org,
                    java.util.function.Consumer<List<dev.hoglink.model.Project>> onPage) {
                List<dev.hoglink.model.Project> all = fake.projects(org);
                onPage.accept(all.subList(0, 4));
                onPage.accept(all.subList(4, all.size()));
                return all;
            }
        };
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        List<String> changes = new java.util.ArrayList<>();
        vm.table().visibleRows().addListener((javafx.collections.ListChangeListener<ProjectRowViewModel>) c -> {
            while (c.next()) {
                if (c.wasReplaced() || c.wasRemoved() || c.wasPermutated()) {
                    changes.add(c.toString());
                }
            }
        });
        vm.connect(HOST, paged, null);
        assertEquals(10, vm.rows().size());
        List<ProjectRowViewModel> first = List.copyOf(vm.rows());
        vm.refresh();
        assertEquals(List.of(), changes, "rows only arrive or update");
        assertEquals(first, List.copyOf(vm.rows()), "the same row objects stay");

        // A project the server drops does leave, and the others keep their rows.
        fake.removeProject(first.get(2).id());
        vm.refresh();
        assertEquals(9, vm.rows().size());
        assertTrue(vm.rows().containsAll(first.subList(3, 10)));
    }

    @Test
    void showsTheProjectListBeforeAnyGitHubStatus() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        runner.runNext(); // organizations
        runner.runNext(); // projects
        assertEquals(10, vm.rows().size());
        assertTrue(vm.rows().stream().allMatch(r -> r.state() == RowState.LOADING));
        assertEquals(0, vm.doneProperty().get());
        assertEquals(10, vm.totalProperty().get());
        assertTrue(vm.busyProperty().get());
    }

    @Test
    void aLoadsStatusReadsLeaveOnceTheFrameShowingItsRowsIsLaidOut() {
        ManualTaskRunner tasks = new ManualTaskRunner();
        List<Runnable> frames = new java.util.ArrayList<>();
        dev.hoglink.ui.common.TaskRunner runner = new dev.hoglink.ui.common.TaskRunner() {
            @Override
            public <T> dev.hoglink.ui.common.TaskHandle<T> run(java.util.concurrent.Callable<T> work) {
                return tasks.run(work);
            }

            @Override
            public void afterNextFrame(Runnable action) {
                frames.add(action);
            }
        };
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        tasks.runNext(); // organizations
        tasks.runNext(); // projects
        assertEquals(10, vm.rows().size(), "the rows are shown");
        assertEquals(0, tasks.pendingCount(), "no status read has left before the frame that shows them");
        assertEquals(0, fake.calls("githubLinks"));
        assertTrue(vm.busyProperty().get(), "still loading: the reads are queued");
        assertEquals(1, frames.size());

        vm.showing(List.of(vm.row(108), vm.row(109))); // the view's report after laying the rows out
        frames.remove(0).run();
        assertEquals(4, tasks.pendingCount(), "after it, four leave at once");
        tasks.runAll();
        assertEquals(List.of(108L, 109L), fake.linkCalls().subList(0, 2), "the rows on screen first");
        assertEquals(10, vm.doneProperty().get());
        assertFalse(vm.busyProperty().get());
        assertTrue(frames.isEmpty(), "later reads wait for no frame");
    }

    @Test
    void fillsGitHubStatusRowByRowWithProgress() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        runner.runNext();
        runner.runNext();
        runner.runNext(); // the first status request: project 101
        assertEquals(1, vm.doneProperty().get());
        assertEquals(RowState.CONNECTED, vm.row(101).state());
        assertEquals(RowState.LOADING, vm.row(110).state());
        assertTrue(vm.statusTextProperty().get().contains("1/10"), vm.statusTextProperty().get());
        runner.runAll();
        assertEquals(10, vm.doneProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals(RowState.NOT_CONNECTED, vm.row(105).state());
        assertEquals(RowState.UNAVAILABLE, vm.row(106).state());
        assertEquals(RowState.TOKEN_ERROR, vm.row(107).state());
    }

    @Test
    void keepsAtMostFourStatusRequestsInFlight() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        runner.runNext();
        runner.runNext();
        assertEquals(4, runner.pendingCount(), "four requests start at once");
        assertEquals(0, fake.calls("githubLinks"));
        runner.runNext();
        assertEquals(4, runner.pendingCount(), "a finished request makes room for exactly one more");
        runner.runAll();
        assertEquals(4, runner.maxPending());
        assertEquals(10, fake.calls("githubLinks"));
        assertEquals(List.of(101L, 102L, 103L, 104L, 105L, 106L, 107L, 108L, 109L, 110L), fake.linkCalls());
    }

    @Test
    void failedRowShowsItsOwnErrorWhileTheOthersLoad() {
        fake.failProject(103, new ServiceException(ServiceException.Kind.SERVER, "PostHog had an internal error."));
        InventoryViewModel vm = loaded();
        ProjectRowViewModel row = vm.row(103);
        assertEquals(RowState.FAILED, row.state());
        assertEquals("PostHog had an internal error.", row.statusDetailProperty().get());
        assertEquals(ServiceException.Kind.SERVER, row.error().kind());
        assertEquals(9, vm.rows().stream().filter(r -> r.state() != RowState.FAILED).count());
        assertTrue(vm.statusTextProperty().get().contains("1 couldn't be loaded"), vm.statusTextProperty().get());
        assertFalse(vm.needsNewKeyProperty().get());
    }

    @Test
    void throttledRowSaysHowLongToWait() {
        fake.failProject(103, ServiceException.throttled(Duration.ofSeconds(12)));
        InventoryViewModel vm = loaded();
        assertEquals("PostHog is limiting how fast Hoglink may send requests. Try again in 12 s.",
                vm.row(103).statusDetailProperty().get());
    }

    @Test
    void aRowPostHogThrottledSaysWhenToTryAgainOnce() {
        fake.failProject(103, dev.hoglink.service.ApiFailures.toService(
                dev.hoglink.api.ApiErrors.throttled(Duration.ofSeconds(12))));
        InventoryViewModel vm = loaded();
        assertEquals("PostHog is limiting how fast Hoglink may send requests. Try again in 12 s.",
                vm.row(103).statusDetailProperty().get());
    }

    @Test
    void retryRecoversAFailedRow() {
        fake.failProject(103, new ServiceException(ServiceException.Kind.NETWORK, "PostHog did not answer."));
        InventoryViewModel vm = loaded();
        fake.heal(103);
        int before = fake.calls("githubLinks");
        vm.retry(vm.row(103));
        assertEquals(RowState.CONNECTED, vm.row(103).state());
        assertNull(vm.row(103).error());
        assertEquals(before + 1, fake.calls("githubLinks"));
        assertEquals(0, vm.failedCountProperty().get());
    }

    @Test
    void rejectedKeyAsksForANewKeyAndStopsTheRemainingRequests() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        runner.runNext();
        runner.runNext();
        fake.failEverything(new ServiceException(ServiceException.Kind.AUTH,
                "Personal API key found in request Authorization header is invalid."));
        runner.runAll();
        assertTrue(vm.needsNewKeyProperty().get());
        assertTrue(vm.bannerTitleProperty().get().contains("rejected"));
        assertEquals(4, fake.calls("githubLinks"), "only the requests already in flight were sent");
        assertTrue(vm.rows().stream().allMatch(r -> r.state() == RowState.FAILED));
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void missingScopeIsNamed() {
        fake.failEverything(null);
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        fake.failProject(101, ServiceException.missingScope("integration:read"));
        vm.connect(HOST, fake, null);
        assertEquals("integration:read", vm.missingScopeProperty().get());
        assertTrue(vm.bannerTitleProperty().get().contains("integration:read"));
        assertFalse(vm.needsNewKeyProperty().get());
    }

    @Test
    void projectTheKeyMayNotSeeFailsOnlyThatRow() {
        fake.failProject(104, new ServiceException(ServiceException.Kind.PERMISSION,
                "API key does not have access to the requested project: ID 104."));
        InventoryViewModel vm = loaded();
        assertEquals(RowState.FAILED, vm.row(104).state());
        assertNull(vm.missingScopeProperty().get());
        assertEquals(RowState.CONNECTED, vm.row(108).state());
    }

    @Test
    void reloadWhoseProjectListFailsLeavesNoRowLoadingForever() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        runner.runNext();
        runner.runNext();
        runner.runNext(); // 101 done; 102-105 in flight
        fake.failEverything(new ServiceException(ServiceException.Kind.SERVER, "PostHog had an internal error."));
        vm.refresh(); // cancels the requests in flight
        runner.runAll();
        assertTrue(vm.rows().stream().noneMatch(r -> r.state() == RowState.LOADING));
        assertEquals(RowState.CONNECTED, vm.row(101).state(), "what was loaded stays");
        assertFalse(vm.busyProperty().get());
        assertEquals("The refresh failed", vm.bannerTitleProperty().get(),
                "rows stay on screen (no read of them finished, so no age), so no 'Couldn't load the projects'");
        assertEquals("10 projects · refresh failed", vm.statusTextProperty().get());
    }

    @Test
    void aFailedRefreshNeverSaysUpdatedJustNow() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        runner.runAll();
        assertEquals("Updated just now", vm.freshnessTextProperty().get());
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        runner.runNext(); // nothing pending; the refresh below queues the project list and its rows
        fake.failEverything(new ServiceException(ServiceException.Kind.SERVER, "PostHog had an internal error."));
        vm.refresh();
        runner.runAll();
        assertEquals("10 projects · refresh failed", vm.statusTextProperty().get());
        assertEquals("Showing data from 5 min ago · refresh failed", vm.freshnessTextProperty().get());
    }

    /**
     * The server gone after the window loaded: the rows stay, so the banner must not say the projects couldn't be
     * loaded. It, the status bar and the age text say one thing: the rows are from the earlier read, that old, and
     * why the refresh failed; the banner offers the retry, and its age follows the clock.
     */
    @Test
    void theRequestBudgetsCountdownAndAFailedRefreshShareTheBannerWithoutEitherLosingItsFact() {
        InventoryViewModel vm = loaded();
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        fake.failEverything(new ServiceException(ServiceException.Kind.NETWORK, "Cannot reach 127.0.0.1:8010."));
        vm.refresh();
        assertEquals("Showing data from 5 min ago · refresh failed", vm.bannerTitleProperty().get());

        fake.failEverything(null);
        fake.failProject(103, ServiceException.throttled(Duration.ofSeconds(60)));
        vm.retry(vm.row(103)); // PostHog's budget for the key is spent
        assertEquals(ReadBudget.TITLE, vm.bannerTitleProperty().get());
        clock.set(NOW.plus(Duration.ofMinutes(5)).plusSeconds(10));
        vm.tick();
        assertEquals(ReadBudget.TITLE, vm.bannerTitleProperty().get(), "the countdown keeps the banner while it runs");

        fake.heal(103);
        clock.set(NOW.plus(Duration.ofMinutes(7)));
        vm.tick(); // the wait is over: the row is read again
        assertEquals("Showing data from 7 min ago · refresh failed", vm.bannerTitleProperty().get(),
                "the project list's failed refresh still stands and says so again");
        assertTrue(vm.bannerOffersRetryProperty().get());
    }

    @Test
    void aFailedRefreshWithRowsOnScreenSaysTheyAreFromTheEarlierReadInBannerStatusAndFooter() {
        InventoryViewModel vm = loaded();
        assertFalse(vm.bannerOffersRetryProperty().get());
        clock.set(NOW.plus(Duration.ofMinutes(5)));
        fake.failEverything(new ServiceException(ServiceException.Kind.NETWORK, "Cannot reach 127.0.0.1:8010. Nothing "
                + "answered there: check that PostHog runs and that the address and port are right."));
        vm.refresh();

        assertEquals(10, vm.rows().size(), "the earlier rows stay");
        assertEquals("Showing data from 5 min ago · refresh failed", vm.bannerTitleProperty().get());
        assertEquals(vm.bannerTitleProperty().get(), vm.freshnessTextProperty().get(), "banner and footer agree");
        assertEquals("10 projects · refresh failed", vm.statusTextProperty().get());
        assertEquals("The rows below are from that earlier read. Cannot reach 127.0.0.1:8010. Details are in the log.",
                vm.bannerTextProperty().get(), "the headline in short words; the advice goes to the log");
        assertFalse(vm.bannerTitleProperty().get().contains("Couldn't load"));
        assertTrue(vm.bannerOffersRetryProperty().get());

        java.util.List<Boolean> offers = new java.util.ArrayList<>();
        vm.bannerOffersRetryProperty().addListener((o, was, now) -> offers.add(now));
        clock.set(NOW.plus(Duration.ofMinutes(7)));
        vm.tick();
        assertEquals(java.util.List.of(), offers, "the retry stays offered through the tick (its focus stays)");
        assertEquals("Showing data from 7 min ago · refresh failed", vm.bannerTitleProperty().get(),
                "the banner's age follows the clock as the footer's does");

        fake.failEverything(null);
        vm.refresh();
        assertEquals("", vm.bannerTitleProperty().get());
        assertFalse(vm.bannerOffersRetryProperty().get());
        assertEquals("10 projects", vm.statusTextProperty().get());
        assertEquals("Updated just now", vm.freshnessTextProperty().get());
    }

    /** A start from the cache whose refresh fails at the first request (the organizations): the same truth. */
    @Test
    void aCachedStartWhoseRefreshFailsSaysTheRowsAreTheCachedReadNotThatNothingLoaded() {
        loaded(); // fills the cache at NOW
        clock.set(NOW.plus(Duration.ofHours(3)));
        fake.failEverything(new ServiceException(ServiceException.Kind.NETWORK, "Cannot reach 127.0.0.1:8010."));
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        vm.connect(HOST, fake, DemoData.ACME.id());

        assertEquals(10, vm.rows().size());
        assertEquals("Showing data from 3 hours ago · refresh failed", vm.bannerTitleProperty().get());
        assertEquals(vm.bannerTitleProperty().get(), vm.freshnessTextProperty().get());
        assertEquals("10 projects · refresh failed", vm.statusTextProperty().get());
        assertTrue(vm.bannerTextProperty().get().contains("Cannot reach 127.0.0.1:8010."));
        assertTrue(vm.bannerOffersRetryProperty().get());
    }

    /** With no row at all, and only then, the window says the projects couldn't be loaded. */
    @Test
    void aFailedFirstLoadWithNoRowsSaysTheProjectsCouldNotBeLoaded() {
        dev.hoglink.service.inventory.InventoryService listFails = new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
            @Override
            public List<dev.hoglink.model.Project> projects(String org,
                    java.util.function.Consumer<List<dev.hoglink.model.Project>> onPage) {
                throw new ServiceException(ServiceException.Kind.NETWORK, "Cannot reach 127.0.0.1:8010.");
            }
        };
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        vm.connect(HOST, listFails, null);
        assertTrue(vm.rows().isEmpty());
        assertEquals("Couldn't load the projects of " + DemoData.ACME.name(), vm.bannerTitleProperty().get());
        assertEquals("Cannot reach 127.0.0.1:8010. Details are in the log.", vm.bannerTextProperty().get());
        assertEquals("Couldn't load projects", vm.statusTextProperty().get());
        assertEquals("", vm.freshnessTextProperty().get());
        assertTrue(vm.bannerOffersRetryProperty().get());
    }

    /**
     * An organization that refuses members' personal API keys (PostHog's members_can_use_personal_api_keys): the
     * banner keeps the refusal's advice, since trying again changes nothing until an admin allows them.
     */
    @Test
    void aRefusedProjectListKeepsTheRefusalsAdviceInTheBanner() {
        String refusal = "This organization does not let members use personal API keys. Ask an organization admin to "
                + "allow them, or to do this for you.";
        dev.hoglink.service.inventory.InventoryService refused = new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
            @Override
            public List<dev.hoglink.model.Project> projects(String org,
                    java.util.function.Consumer<List<dev.hoglink.model.Project>> onPage) {
                throw new ServiceException(ServiceException.Kind.PERMISSION, refusal);
            }
        };
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        vm.connect(HOST, refused, null);
        assertTrue(vm.rows().isEmpty());
        assertEquals("Couldn't load the projects of " + DemoData.ACME.name(), vm.bannerTitleProperty().get());
        assertEquals(refusal, vm.bannerTextProperty().get());
        // Trying again cannot help until an admin acts: the banner offers no retry for it.
        assertFalse(vm.bannerOffersRetryProperty().get());
    }

    @Test
    void organizationsRejectedKeyShowsTheNewKeyState() {
        fake.failEverything(new ServiceException(ServiceException.Kind.AUTH, "invalid key"));
        InventoryViewModel vm = loaded();
        assertTrue(vm.needsNewKeyProperty().get());
        assertTrue(vm.rows().isEmpty());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void searchMatchesProjectName() {
        InventoryViewModel vm = loaded();
        vm.table().searchTextProperty().set("mob");
        assertEquals(List.of(102L), visibleIds(vm));
    }

    @Test
    void searchMatchesAccountName() {
        InventoryViewModel vm = loaded();
        vm.table().searchTextProperty().set("ACME-DATA");
        assertEquals(List.of(104L), visibleIds(vm));
    }

    @Test
    void searchMatchesInstallationId() {
        InventoryViewModel vm = loaded();
        vm.table().searchTextProperty().set("87654321");
        assertEquals(List.of(108L), visibleIds(vm));
    }

    @Test
    void searchMatchesTheUserWhoLinked() {
        InventoryViewModel vm = loaded();
        vm.table().searchTextProperty().set("grace@");
        assertEquals(List.of(102L), visibleIds(vm));
    }

    @Test
    void connectedChipShowsOnlyConnectedProjects() {
        InventoryViewModel vm = loaded();
        vm.table().chipConnectedProperty().set(true);
        assertEquals(List.of(101L, 102L, 103L, 104L, 108L), visibleIds(vm));
    }

    @Test
    void notConnectedChipShowsProjectsWithoutGitHub() {
        InventoryViewModel vm = loaded();
        vm.table().chipNotConnectedProperty().set(true);
        assertEquals(List.of(105L, 109L, 110L), visibleIds(vm));
    }

    @Test
    void sharedChipShowsProjectsSharingAnInstallation() {
        InventoryViewModel vm = loaded();
        vm.table().chipSharedProperty().set(true);
        assertEquals(List.of(101L, 102L, 103L), visibleIds(vm));
    }

    @Test
    void problemsChipShowsUnavailableTokenErrorsAndFailedRows() {
        fake.failProject(110, new ServiceException(ServiceException.Kind.SERVER, "boom"));
        InventoryViewModel vm = loaded();
        vm.table().chipProblemsProperty().set(true);
        assertEquals(List.of(106L, 107L, 110L), visibleIds(vm));
    }

    @Test
    void statusChipsCombineWithOrAndWithSearch() {
        InventoryViewModel vm = loaded();
        vm.table().chipNotConnectedProperty().set(true);
        vm.table().chipProblemsProperty().set(true);
        assertEquals(List.of(105L, 106L, 107L, 109L, 110L), visibleIds(vm));
        vm.table().searchTextProperty().set("docs");
        assertEquals(List.of(107L), visibleIds(vm));
        vm.table().clearFilters();
        assertEquals(10, visibleIds(vm).size());
    }

    @Test
    void rowUpdatesReapplyTheFilters() {
        InventoryViewModel vm = loaded();
        vm.table().chipConnectedProperty().set(true);
        assertFalse(visibleIds(vm).contains(105L));
        fake.link(105, 30, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        vm.refreshProjects(Set.of(105L));
        assertTrue(visibleIds(vm).contains(105L));
    }

    @Test
    void sharedWithCountsTheOtherProjectsUsingTheInstallation() {
        InventoryViewModel vm = loaded();
        assertEquals(2, vm.row(101).sharedWith());
        assertEquals(0, vm.row(104).sharedWith());
        fake.link(105, 30, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        vm.refreshProjects(Set.of(105L));
        assertEquals(3, vm.row(101).sharedWith());
        assertEquals(3, vm.row(105).sharedWith());
    }

    @Test
    void twoThousandProjectsSharingOneInstallationCostFarFewerThanNSquaredUpdates() {
        FakeInventoryService big = new FakeInventoryService();
        big.addOrganization(DemoData.ACME);
        for (int i = 0; i < 2000; i++) {
            big.addProject(DemoData.ACME.id(), 1000 + i, "P" + i);
        }
        for (int i = 0; i < 2000; i++) {
            big.link(1000 + i, 5000 + i, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "a@acme.io");
        }
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, big, null);
        runner.runNext();
        runner.runNext();
        int[] changes = {0};
        vm.rows().forEach(r -> r.sharedWithProperty().addListener((o, a, b) -> changes[0]++));
        runner.runAll();
        assertTrue(vm.rows().stream().allMatch(r -> r.sharedWith() == 1999));
        assertTrue(changes[0] < 200_000, "shared counts updated in batches, not per row: " + changes[0]);
    }

    @Test
    void repositoryCountIsFetchedOncePerInstallation() {
        InventoryViewModel vm = loaded();
        assertEquals(57, vm.row(101).repoCount());
        assertEquals(57, vm.row(103).repoCount());
        assertEquals(4, vm.row(104).repoCount());
        assertEquals(-1, vm.row(105).repoCount());
        // PostHog answers an unavailable or token-error installation's last list too (API notes NN5): counted as well.
        assertEquals(5, fake.calls("repositories"),
                "one count per installation named (12345678, 23456789, 34567890, 45678901, 87654321)");
    }

    @Test
    void refreshOfTouchedProjectsFetchesOnlyThem() {
        InventoryViewModel vm = loaded();
        fake.link(109, 31, "87654321", "ada-gh", AccountType.USER, LinkStatus.CONNECTED, "ada@acme.io");
        int before = fake.linkCalls().size();
        vm.refreshProjects(Set.of(109L, 999L));
        assertEquals(List.of(109L), fake.linkCalls().subList(before, fake.linkCalls().size()));
        assertEquals(RowState.CONNECTED, vm.row(109).state());
        assertEquals(1, vm.totalProperty().get());
        assertEquals(1, vm.doneProperty().get());
        assertEquals(1, fake.calls("projects"), "the project list is not fetched again");
    }

    @Test
    void refreshOfAProjectWhoseRequestIsInFlightFetchesItAgainAfterwards() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, null);
        runner.runNext();
        runner.runNext();
        vm.refreshProjects(Set.of(101L)); // 101's request is queued in the runner already
        fake.link(101, 40, "99999999", "other", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "x@acme.io");
        runner.runAll();
        assertEquals(2, fake.linkCalls().stream().filter(id -> id == 101L).count());
        assertEquals(2, vm.row(101).links().size());
    }

    @Test
    void aGithubRowThatNamesNoInstallationIsAProblemNotConnected() {
        fake.link(105, 31, "", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        InventoryViewModel vm = loaded();
        ProjectRowViewModel row = vm.row(105);
        assertEquals(RowState.NO_INSTALLATION, row.state(), "as the audit counts it: broken, not connected");
        assertTrue(row.state().isProblem());
        assertTrue(row.statusDetailProperty().get().contains("OAuth bootstrap"), row.statusDetailProperty().get());
        vm.table().chipProblemsProperty().set(true);
        assertTrue(visibleIds(vm).contains(105L), "the Problems chip shows it");
    }

    @Test
    void cachedInventoryIsShownFirstWithItsAgeThenReplaced() {
        loaded(); // fills the cache at NOW
        fake.link(105, 30, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        clock.set(NOW.plus(Duration.ofMinutes(5)));

        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, DemoData.ACME.id());
        // Nothing fetched yet, but the cached rows are there, with their age.
        assertEquals(10, vm.rows().size());
        assertEquals(RowState.NOT_CONNECTED, vm.row(105).state());
        assertEquals(RowState.CONNECTED, vm.row(101).state());
        assertTrue(vm.row(101).isStale());
        assertTrue(vm.showingCachedProperty().get());
        assertEquals(NOW, vm.dataTimeProperty().get());
        assertEquals("Showing data from 5 min ago, refreshing…", vm.freshnessTextProperty().get());
        assertEquals(DemoData.ACME, vm.selectedOrganizationProperty().get());

        runner.runAll();
        assertEquals(RowState.CONNECTED, vm.row(105).state());
        assertFalse(vm.row(101).isStale());
        assertFalse(vm.showingCachedProperty().get());
        assertEquals("Updated just now", vm.freshnessTextProperty().get());
    }

    @Test
    void noCacheMeansNoFreshnessTextUntilLoaded() {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, fake, DemoData.ACME.id());
        assertTrue(vm.rows().isEmpty());
        assertEquals("", vm.freshnessTextProperty().get());
        assertEquals("Loading projects…", runAndPlaceholder(runner, vm));
    }

    private static String runAndPlaceholder(ManualTaskRunner runner, InventoryViewModel vm) {
        runner.runNext(); // organizations, then the projects request is pending
        return vm.placeholderTextProperty().get();
    }

    @Test
    void placeholderExplainsEmptyStates() {
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        assertEquals("No connection yet", vm.placeholderTextProperty().get());
        vm.connect(HOST, fake, null);
        vm.table().searchTextProperty().set("nothing like this");
        assertEquals("No project matches the search and filters", vm.placeholderTextProperty().get());
        vm.disconnect();
        assertEquals("No connection yet", vm.placeholderTextProperty().get());
        assertTrue(vm.rows().isEmpty());
    }

    @Test
    void sortingFollowsTheComparator() {
        InventoryViewModel vm = loaded();
        vm.table().sortOrderProperty().set(Comparator.comparing(ProjectRowViewModel::name));
        assertEquals("API", vm.table().visibleRows().get(0).name());
        vm.table().sortOrderProperty().set(Comparator.comparing(ProjectRowViewModel::state).thenComparing(ProjectRowViewModel::id));
        assertEquals(101L, vm.table().visibleRows().get(0).id());
        assertEquals(107L, vm.table().visibleRows().get(vm.table().visibleRows().size() - 1).id(), "token errors sort last");
    }

    @Test
    void selectingARowLoadsItsRepositoriesAndLinkableInstallations() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        assertEquals(1, d.links().size());
        assertEquals(ProjectDetailViewModel.REPO_PAGE, d.repositories().size());
        assertEquals(57, d.reposTotalProperty().get());
        assertTrue(d.reposHasMoreProperty().get());
        assertEquals("Showing 25 of 57 repositories", d.reposMessageProperty().get());
        d.loadMoreRepositories();
        d.loadMoreRepositories();
        assertEquals(57, d.repositories().size());
        assertFalse(d.reposHasMoreProperty().get());
        assertEquals(List.of("23456789", "34567890", "45678901", "87654321"),
                d.installations().stream().map(i -> i.installationId()).toList(),
                "the installation 101 already uses is not offered again");
    }

    @Test
    void theLinkableListDoesNotPromiseAPersonalGitHubAccountTheUserHasNot() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        String also = " Link\u2026 also looks for installations your personal GitHub account can see.";
        assertEquals("4 installations of other projects can be linked." + also, d.installationsMessageProperty().get());
        vm.permissions().notePersonalGitHub(false); // PostHog: no personal GitHub account is linked
        assertEquals("4 installations of other projects can be linked.", d.installationsMessageProperty().get());
        vm.selectedRowProperty().set(vm.row(102));
        assertFalse(d.installationsMessageProperty().get().contains("personal GitHub"),
                d.installationsMessageProperty().get());
        vm.permissions().notePersonalGitHub(true);
        assertTrue(d.installationsMessageProperty().get().endsWith(also), d.installationsMessageProperty().get());

        // a member (Beta Labs) with no personal GitHub account: Link is refused, so nothing "can be linked"
        vm.selectedOrganizationProperty().set(DemoData.BETA);
        vm.selectedRowProperty().set(vm.row(201));
        assertEquals("No other project of this organization has an installation this one could link." + also,
                d.installationsMessageProperty().get());
        assertEquals("Installations this project can link", d.installationsTitleProperty().get());
        vm.permissions().notePersonalGitHub(false);
        assertFalse(vm.permissions().link().get().allowed());
        assertEquals("No other project of this organization has an installation.", d.installationsMessageProperty().get());
        assertEquals("Installations other projects use", d.installationsTitleProperty().get(),
                "where Link is refused the list does not say the project can link them");
    }

    /** A project without GitHub, where Link is refused: its GitHub section does not tell the user to link. */
    @Test
    void whereLinkIsRefusedANotConnectedProjectIsNotToldToLink() {
        InventoryViewModel vm = loaded();
        ProjectDetailViewModel d = vm.detail();
        vm.selectedOrganizationProperty().set(DemoData.BETA); // a member (Beta Labs)
        vm.selectedRowProperty().set(vm.row(201));
        assertEquals("Not connected to GitHub. Link an installation that a sibling project already uses, or start the "
                + "OAuth bootstrap.", d.notConnectedNoteProperty().get());
        vm.permissions().notePersonalGitHub(false);
        assertFalse(vm.permissions().link().get().allowed());
        assertEquals("Not connected to GitHub.", d.notConnectedNoteProperty().get());
    }

    @Test
    void whereLinkIsRefusedTheListPromisesNoLinkNotEvenThroughAPersonalGitHubAccount() {
        // Link refused for another reason than a missing personal GitHub account: its sentence is not offered either
        assertEquals("3 installations are used by other projects.",
                ProjectDetailViewModel.installationsText(3, false, false, true));
        assertEquals("3 installations of other projects can be linked. Link\u2026 also looks for installations your "
                + "personal GitHub account can see.", ProjectDetailViewModel.installationsText(3, false, false, false));
    }

    @Test
    void refreshAsksPostHogOnceThenShowsTheCooldownWithoutSendingAndAThrottleSaysWhenToTryAgain() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        d.refreshRepositories();
        assertEquals(1, fake.calls("refreshRepositories"));
        assertEquals("Read from GitHub within the last 30 s: 57 repositories. PostHog allows 10 refreshes a minute per project.",
                d.refreshMessageProperty().get());
        assertEquals(ProjectDetailViewModel.REPO_PAGE, d.repositories().size(), "the list was shown again");
        clock.set(NOW.plusSeconds(12));
        d.refreshRepositories();
        assertEquals(1, fake.calls("refreshRepositories"), "within 30 s nothing is sent");
        assertEquals("Refreshed 12 s ago; PostHog reuses that list for 30 s. Try again in 18 s.",
                d.refreshMessageProperty().get());
        clock.set(NOW.plusSeconds(31));
        fake.failNext("refreshRepositories", dev.hoglink.service.ServiceException.throttled(Duration.ofSeconds(40)));
        d.refreshRepositories();
        assertEquals("PostHog allows 10 repository refreshes a minute per project; try again in 40 s.",
                d.refreshMessageProperty().get());
        assertFalse(d.refreshingProperty().get());
    }

    /** A refresh PostHog's hourly throttle refuses for an hour says minutes, as the row and the banner do. */
    @Test
    void aRefreshThrottledForAnHourSaysWhenToTryAgainInMinutes() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        fake.failNext("refreshRepositories", ServiceException.throttled(Duration.ofHours(1)));
        d.refreshRepositories();
        assertEquals("PostHog allows 10 repository refreshes a minute per project; try again in 60 min.",
                d.refreshMessageProperty().get());
    }

    @Test
    void aRefreshThatFindsMoreRepositoriesCountsThemInThePaneAndTheTable() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        assertEquals("Showing 25 of 57 repositories", d.reposMessageProperty().get());
        String installation = vm.row(101).links().get(0).installationId();
        // Repositories added on GitHub: the admin presses Refresh to see them.
        fake.setRepositories(installation, dev.hoglink.service.inventory.FakeInventoryService.sampleRepos("acme", 60));
        d.refreshRepositories();
        assertTrue(d.refreshMessageProperty().get().startsWith("Read from GitHub within the last 30 s: 60 repositories."),
                d.refreshMessageProperty().get());
        assertEquals("Showing 25 of 60 repositories", d.reposMessageProperty().get(), "not the count from before");
        assertEquals(60, vm.row(101).repoCount(), "the table counts them again too");
        assertEquals(60, vm.row(102).repoCount(), "and every project on the installation");
    }

    @Test
    void aRefreshThatGitHubRefusesSaysTheListIsTheLastCachedOneAndTheRowTurnsUnavailableEverywhere() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        assertEquals(LinkStatus.CONNECTED, vm.row(101).links().get(0).status());
        fake.refreshFindsGone("12345678", true);
        d.refreshRepositories();
        assertEquals("GitHub refused: the installation is uninstalled or suspended on GitHub. PostHog kept its last "
                + "list: 57 repositories. Mobile and API use the same installation and still read connected: PostHog "
                + "marks each project when its own token refresh fails, within about half an hour.",
                d.refreshMessageProperty().get(), "not \"read again from GitHub\"; the table's other rows explained");
        assertEquals(LinkStatus.UNAVAILABLE, vm.row(101).links().get(0).status(), "the row was read again");
        assertEquals(57, vm.row(102).repoCount(), "Mobile, on the same installation, keeps the count PostHog's list has");
        assertEquals(LinkStatus.UNAVAILABLE, d.links().get(0).status(), "the detail pane shows the same");

        clock.set(NOW.plusSeconds(31));
        fake.refreshFindsGone("12345678", false);
        d.refreshRepositories();
        assertEquals("Read from GitHub within the last 30 s: 57 repositories. The installation answers again. PostHog allows 10 "
                + "refreshes a minute per project.", d.refreshMessageProperty().get());
        assertEquals(LinkStatus.CONNECTED, vm.row(101).links().get(0).status());
        int reads = fake.calls("githubLinks");
        clock.set(NOW.plusSeconds(62));
        d.refreshRepositories();
        assertEquals(reads, fake.calls("githubLinks"), "an unchanged status reads nothing again");
    }

    @Test
    void aRefreshAnswered404SaysTheLinkWasRemovedAndReadsEveryProjectOfItsInstallationOnce() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        String installation = vm.row(101).links().get(0).installationId();
        long sharing = vm.rows().stream().filter(r -> r.links().stream()
                .anyMatch(l -> installation.equals(l.installationId()))).count();
        assertTrue(sharing > 1, "the fixture shares the installation");
        int reads = fake.calls("githubLinks");
        fake.failNext("refreshRepositories", new dev.hoglink.service.ServiceException(
                dev.hoglink.service.ServiceException.Kind.NOT_FOUND, "PostHog did not find it."));
        d.refreshRepositories();
        assertEquals(ProjectDetailViewModel.GONE, d.refreshMessageProperty().get());
        assertEquals(reads + sharing, fake.calls("githubLinks"), "this project and those sharing its installation");

        clock.set(NOW.plusSeconds(31));
        fake.failNext("refreshRepositories", new dev.hoglink.service.ServiceException(
                dev.hoglink.service.ServiceException.Kind.NOT_FOUND, "PostHog did not find it."));
        d.refreshRepositories();
        assertEquals(reads + sharing, fake.calls("githubLinks"), "a link found gone is read again once, not in a loop");
        assertEquals(ProjectDetailViewModel.GONE_AGAIN, d.refreshMessageProperty().get(),
                "nothing was read again this time, so the pane does not say it was");
        assertFalse(d.refreshMessageProperty().get().contains("is read again"));
    }

    @Test
    void aKeyLimitedToProjectsShowsItsProjectsUnderABannerThatSaysWhy() {
        dev.hoglink.service.inventory.InventoryService limited = new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
            @Override
            public java.util.Optional<String> limitNote() {
                return java.util.Optional.of("This API key is limited to 2 projects (Web, API).");
            }
        };
        InventoryViewModel vm = vm(new SameThreadTaskRunner());
        vm.connect(HOST, limited, null);
        assertEquals(10, vm.rows().size(), "the projects it reaches are all shown");
        assertEquals("Only the projects this key may reach", vm.bannerTitleProperty().get());
        assertEquals("This API key is limited to 2 projects (Web, API).", vm.bannerTextProperty().get());
    }

    /**
     * A GitHub integration naming no installation (the No installation problem) reaches no repository: the list says
     * so, not "This installation cannot access any repository" about an installation there is none of.
     */
    @Test
    void theRepositoriesOfAnIntegrationNamingNoInstallationSaySoNotThatAnInstallationReachesNone() {
        fake.link(105, 99, null, "acme", dev.hoglink.model.AccountType.ORGANIZATION,
                dev.hoglink.model.LinkStatus.CONNECTED, "ada@acme.io");
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(105));
        ProjectDetailViewModel d = vm.detail();
        assertTrue(d.repositories().isEmpty());
        assertEquals("This GitHub integration names no installation, so no repository is reached through it.",
                d.reposMessageProperty().get());
    }

    @Test
    void repositorySearchAsksTheServer() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        d.repoSearchProperty().set("api");
        assertEquals(List.of("acme/api"), d.repositories().stream().map(r -> r.fullName()).toList());
        d.repoSearchProperty().set("zzz");
        assertTrue(d.repositories().isEmpty());
        assertEquals("No repository matches \u201czzz\u201d.", d.reposMessageProperty().get());
    }

    @Test
    void aRepositoryCountThatArrivesAfterTheListFillsInThePanesTotal() {
        InventoryViewModel vm = loaded();
        ProjectRowViewModel row = vm.row(101);
        String installation = row.primaryLink().installationId();
        row.updateRepoCount(Map.of()); // not counted yet when the project is opened
        vm.selectedRowProperty().set(row);
        ProjectDetailViewModel d = vm.detail();
        assertEquals("Showing the first 25 repositories; there are more.", d.reposMessageProperty().get());
        row.updateRepoCount(Map.of(installation, 57)); // the table now says "selected · 57"
        assertEquals("Showing 25 of 57 repositories", d.reposMessageProperty().get());
        assertTrue(d.repositoryScope().get().contains("(57)"), d.repositoryScope().get());
        d.repoSearchProperty().set("ACME/");
        row.updateRepoCount(Map.of(installation, 58));
        assertEquals("Showing the first 25 matches; there are more.", d.reposMessageProperty().get(),
                "a search's matches are not the installation's count");
    }

    @Test
    void aSearchWithMorePagesSaysThereAreMoreNotAPageSizedTotal() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(101));
        ProjectDetailViewModel d = vm.detail();
        assertEquals("Showing 25 of 57 repositories", d.reposMessageProperty().get(),
                "PostHog names no total: the unsearched one is the inventory's count");
        d.repoSearchProperty().set("ACME/");
        assertEquals(ProjectDetailViewModel.REPO_PAGE, d.repositories().size());
        assertEquals("Showing the first 25 matches; there are more.", d.reposMessageProperty().get());
        d.loadMoreRepositories();
        d.loadMoreRepositories();
        assertEquals("Showing 57 of 57 repositories", d.reposMessageProperty().get(), "the last page tells the total");
    }

    @Test
    void projectWithoutGitHubHasNoRepositoriesButListsInstallations() {
        InventoryViewModel vm = loaded();
        vm.selectedRowProperty().set(vm.row(105));
        ProjectDetailViewModel d = vm.detail();
        assertTrue(d.links().isEmpty());
        assertNull(d.selectedLinkProperty().get());
        assertEquals("No GitHub integration, so no repositories.", d.reposMessageProperty().get());
        assertEquals(5, d.installations().size());
    }

    @Test
    void browsingProjectsNeverAsksForAvailableInstallations() {
        InventoryViewModel vm = loaded();
        for (ProjectRowViewModel r : vm.rows()) {
            vm.selectedRowProperty().set(r);
        }
        assertEquals(0, fake.calls("availableInstallations"),
                "each call writes a discovery row to PostHog's audit log; browsing must not");
        vm.selectedRowProperty().set(vm.row(101));
        assertEquals(4, vm.detail().installations().size(), "the list comes from the other projects' links");
    }

    @Test
    void actionsApplyToTheSelectedProjectAndUnlinkToAChosenIntegration() {
        InventoryViewModel vm = loaded();
        assertFalse(vm.canLink().get(), "no project selected");
        assertFalse(vm.canStartOAuth().get());
        vm.selectedRowProperty().set(vm.row(105));
        assertTrue(vm.canLink().get());
        assertTrue(vm.canStartOAuth().get());
        assertFalse(vm.canUnlink().get(), "105 has no integration to unlink");
        vm.selectedRowProperty().set(vm.row(101));
        assertTrue(vm.canUnlink().get());
    }

    @Test
    void ageTextsAreHumane() {
        assertEquals("just now", TimeAgo.text(Duration.ofSeconds(30)));
        assertEquals("5 min ago", TimeAgo.text(Duration.ofMinutes(5)));
        assertEquals("1 hour ago", TimeAgo.text(Duration.ofMinutes(61)));
        assertEquals("3 days ago", TimeAgo.text(Duration.ofHours(80)));
    }

    /** A clock the test moves by hand. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant i) {
            now = i;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
