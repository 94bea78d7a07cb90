package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.ServiceException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The start-up's first reads answer the window's first calls, once; everything else goes to the service. */
class StartedReadsTest {

    private static final Duration BOUND = Duration.ofSeconds(10);

    private final FakeInventoryService fake = new FakeInventoryService()
            .addOrganization(new Organization("org-a", "Acme", "acme", 3))
            .addOrganization(new Organization("org-b", "Beta", "beta", 1));

    {
        fake.addProject("org-a", 1, "Checkout");
        fake.addProject("org-a", 2, "Billing");
        fake.addProject("org-b", 7, "Search");
    }

    @Test
    void theFirstCallsTakeTheStartUpsAnswersAndLaterOnesAskAgain() {
        StartedReads reads = new StartedReads(fake);
        reads.read(Optional.empty());
        assertEquals(1, fake.calls("organizations"));
        assertEquals(1, fake.calls("projects"));

        assertEquals(List.of("org-a", "org-b"), reads.organizations().stream().map(Organization::id).toList());
        assertEquals(List.of(1L, 2L), reads.projects("org-a").stream().map(Project::id).toList());
        assertEquals(1, fake.calls("organizations"), "answered by the start-up's read");
        assertEquals(1, fake.calls("projects"), "answered by the start-up's read");

        reads.organizations(); // a refresh asks PostHog again
        reads.projects("org-a");
        assertEquals(2, fake.calls("organizations"));
        assertEquals(2, fake.calls("projects"));
    }

    @Test
    void theProjectsOfThePreferredOrganizationAreReadFirstAndAnotherOrganizationsAreAskedFor() {
        StartedReads reads = new StartedReads(fake);
        reads.read(Optional.of("org-b"));
        assertEquals(List.of(7L), reads.projects("org-b").stream().map(Project::id).toList());
        assertEquals(1, fake.calls("projects"));
        assertEquals(List.of(1L, 2L), reads.projects("org-a").stream().map(Project::id).toList());
        assertEquals(2, fake.calls("projects"), "not read at start-up: asked now");

        StartedReads unknown = new StartedReads(fake);
        unknown.read(Optional.of("org-gone"));
        assertEquals(List.of(1L, 2L), unknown.projects("org-a").stream().map(Project::id).toList(),
                "a preferred organization the key does not see: the first one's projects");
        assertEquals(3, fake.calls("projects"));
    }

    @Test
    void aWindowCallMadeWhileTheReadIsUnderWayGetsEveryPageInOrderAsItComes() throws Exception {
        CountDownLatch secondPage = new CountDownLatch(1);
        CountDownLatch firstSeen = new CountDownLatch(1);
        InventoryService paged = new ForwardingInventoryService(fake) {
            @Override
            public List<Project> projects(String organizationId, Consumer<List<Project>> onPage) {
                List<Project> all = target().projects(organizationId);
                onPage.accept(all.subList(0, 1));
                await(secondPage);
                onPage.accept(all.subList(1, all.size()));
                return all;
            }
        };
        StartedReads reads = new StartedReads(paged);
        Thread start = new Thread(() -> reads.read(Optional.empty()), "start-up");
        start.start();

        List<List<Long>> pages = new CopyOnWriteArrayList<>();
        CompletableFuture<List<Project>> window = CompletableFuture.supplyAsync(() -> reads.projects("org-a", page -> {
            pages.add(page.stream().map(Project::id).toList());
            firstSeen.countDown();
        }));
        assertTrue(firstSeen.await(10, TimeUnit.SECONDS), "the first page is handed on before the read ends");
        assertEquals(List.of(List.of(1L)), pages);
        assertTrue(!window.isDone(), "the window's call waits for the rest");
        secondPage.countDown();
        assertEquals(List.of(1L, 2L), window.get(10, TimeUnit.SECONDS).stream().map(Project::id).toList());
        assertEquals(List.of(List.of(1L), List.of(2L)), pages);
        start.join(10_000);
    }

    @Test
    void aFailedReadFailsTheWindowsFirstCallWithTheSameErrorAndTheNextAsksAgain() {
        ServiceException down = new ServiceException(ServiceException.Kind.NETWORK, "The sandbox did not answer.");
        fake.failEverything(down);
        StartedReads reads = new StartedReads(fake);
        reads.read(Optional.empty());
        assertSame(down, assertThrows(ServiceException.class, reads::organizations));
        fake.failEverything(null);
        assertEquals(2, reads.organizations().size(), "F5 asks again");
        assertEquals(2, reads.projects("org-a").size(), "no projects were read at start-up: asked now");
    }

    @Test
    void aFailedProjectsReadFailsTheWindowsProjectsCallWithItsError() {
        ServiceException denied = new ServiceException(ServiceException.Kind.PERMISSION, "Not allowed.");
        InventoryService failing = new ForwardingInventoryService(fake) {
            @Override
            public List<Project> projects(String organizationId, Consumer<List<Project>> onPage) {
                throw denied;
            }
        };
        StartedReads reads = new StartedReads(failing);
        reads.read(Optional.empty());
        assertEquals(2, reads.organizations().size());
        assertSame(denied, assertThrows(ServiceException.class, () -> reads.projects("org-a", p -> { })));
    }

    @Test
    void readsEndedByAnErrorLeaveNoWindowCallWaiting() {
        InventoryService broken = new ForwardingInventoryService(fake) {
            @Override
            public List<Organization> organizations() {
                throw new StackOverflowError("deep");
            }
        };
        StartedReads reads = new StartedReads(broken);
        assertThrows(StackOverflowError.class, () -> reads.read(Optional.empty()));
        assertTimeoutPreemptively(BOUND, () -> {
            assertThrows(IllegalStateException.class, reads::organizations);
            assertEquals(2, reads.projects("org-a").size(), "asked of the service");
            assertEquals("", reads.currentUser());
        });
    }

    @Test
    void aCancelledWindowCallStopsWaiting() throws Exception {
        StartedReads reads = new StartedReads(fake); // its reads never begin
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread window = new Thread(() -> {
            try {
                reads.organizations();
            } catch (Throwable t) {
                thrown.set(t);
            }
        });
        window.start();
        // interrupted while it waits for the read (an interrupt before would end it the same way, sooner)
        org.testfx.util.WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> window.getState() == Thread.State.WAITING);
        window.interrupt();
        window.join(10_000);
        assertTrue(thrown.get() instanceof CancellationException, String.valueOf(thrown.get()));
    }

    @Test
    void everyOtherCallGoesToTheService() {
        StartedReads reads = new StartedReads(fake);
        reads.read(Optional.empty());
        reads.githubLinks(1);
        assertEquals(1, fake.calls("githubLinks"));
        assertSame(fake, reads.service());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
