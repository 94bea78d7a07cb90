package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.inventory.CacheKey;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.support.DemoData;
import dev.hoglink.ui.common.ManualTaskRunner;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Cached rows shown by a connection are only ever what the same identity (host, connection, user) saw: another
 * connection on the same host shows none, and once PostHog says the key belongs to someone else, that person's
 * rows replace the cached ones at once, and the next start remembers who it was.
 */
class CachedRowsIdentityTest {

    private static final String HOST = "http://127.0.0.1:8010";
    private static final String PROD = CacheKey.profile("Prod");

    @TempDir
    Path tmp;

    private InventoryCache cache;

    @AfterEach
    void flush() {
        if (cache != null) {
            assertTrue(cache.flush(Duration.ofSeconds(10)));
        }
    }

    private InventoryViewModel vm(dev.hoglink.ui.common.TaskRunner runner) {
        if (cache == null) {
            cache = new InventoryCache(tmp);
        }
        return new InventoryViewModel(runner, cache, java.time.Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), java.time.ZoneOffset.UTC), 4);
    }

    /** Ada loads Acme over the profile Prod: her rows are cached, and Prod is recorded as hers. */
    private void adaLoadsAcme() {
        FakeInventoryService ada = DemoData.acme().signedInAs("uuid-ada", "Ada <ada@acme.io>");
        vm(new SameThreadTaskRunner()).connect(HOST, PROD, ada, DemoData.ACME.id());
        assertTrue(cache.flush(Duration.ofSeconds(10)));
        assertEquals("uuid-ada", cache.recordedUser(HOST, PROD));
    }

    @Test
    void anotherConnectionOnTheSameHostShowsNoneOfItsCachedRows() {
        adaLoadsAcme();
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect("http://127.0.0.1:9000", CacheKey.sandbox("owner"), DemoData.acme(), DemoData.ACME.id());
        assertEquals(0, vm.rows().size(), "the sandbox on the same computer is another connection");
        assertFalse(vm.showingCachedProperty().get());

        InventoryViewModel same = vm(new ManualTaskRunner());
        same.connect(HOST, PROD, DemoData.acme(), DemoData.ACME.id());
        assertEquals(10, same.rows().size(), "Prod itself shows Ada's rows, as the user its last session was");
        assertTrue(same.showingCachedProperty().get());
    }

    @Test
    void whenPostHogSaysTheKeyIsSomeoneElsesTheCachedRowsGoAndTheyAreRecorded() {
        adaLoadsAcme();
        // Prod's key was replaced outside Hoglink: the connection opens on Ada's cache, until PostHog says who
        FakeInventoryService cy = DemoData.acme().signedInAs("uuid-cy", "Cy <cy@acme.io>");
        cy.removeProject(101);
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, PROD, cy, DemoData.ACME.id());
        assertEquals(10, vm.rows().size());

        runner.runNext(); // organizations, and who the key belongs to
        assertEquals(0, vm.rows().stream().filter(r -> r.id() == 101).count(), "none of Ada's cached rows stay");
        assertFalse(vm.showingCachedProperty().get());
        runner.runAll();
        assertEquals(9, vm.rows().size(), "Cy's own rows");
        assertTrue(cache.flush(Duration.ofSeconds(10)));
        assertEquals("uuid-cy", cache.recordedUser(HOST, PROD), "the next start knows it is Cy");
        assertEquals(9, cache.latest(HOST, PROD).orElseThrow().snapshot().projects().size());
    }

    @Test
    void theSameUserKeepsTheCachedRowsAndRefreshesThemInPlace() {
        adaLoadsAcme();
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = vm(runner);
        vm.connect(HOST, PROD, DemoData.acme().signedInAs("uuid-ada", "Ada"), DemoData.ACME.id());
        ProjectRowViewModel first = vm.rows().get(0);
        runner.runNext();
        assertEquals(10, vm.rows().size());
        assertTrue(vm.rows().contains(first), "kept while they are refreshed");
    }
}
