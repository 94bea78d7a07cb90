package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryCacheTest {

    @TempDir
    Path tmp;

    private static final Organization ORG = new Organization("org-1", "Acme", "acme", 8);

    private static InventorySnapshot snapshot(String host) {
        GitHubLink link = new GitHubLink(7, "12345678", "acme", AccountType.ORGANIZATION, "selected",
                LinkStatus.CONNECTED, true, "ada@acme.io", Instant.parse("2026-05-02T10:00:00Z"), "");
        return new InventorySnapshot(host, ORG, Instant.parse("2026-11-24T09:55:00Z"), List.of(
                new InventorySnapshot.Entry(new Project(101, "Web", "org-1", null), List.of(link)),
                new InventorySnapshot.Entry(new Project(102, "Mobile", "org-1", Instant.parse("2025-01-01T00:00:00Z")), null)),
                Map.of("12345678", 57));
    }

    @Test
    void savedSnapshotLoadsBackEqual() {
        InventoryCache cache = new InventoryCache(tmp);
        InventorySnapshot s = snapshot("https://us.posthog.com");
        cache.save(s);
        assertEquals(s, cache.load("https://us.posthog.com/", "org-1").orElseThrow());
    }

    @Test
    void missingSnapshotIsEmpty() {
        assertTrue(new InventoryCache(tmp).load("https://us.posthog.com", "org-1").isEmpty());
    }

    @Test
    void corruptFileIsIgnoredNotThrown() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(snapshot("https://us.posthog.com"));
        Files.writeString(cache.fileFor("https://us.posthog.com", "org-1"), "{\"format\":1,\"snapshot\":{\"projects\":[tru");
        assertTrue(cache.load("https://us.posthog.com", "org-1").isEmpty());
    }

    @Test
    void hostsAndOrganizationsHaveSeparateFiles() {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(snapshot("https://us.posthog.com"));
        assertTrue(cache.load("https://eu.posthog.com", "org-1").isEmpty());
        assertTrue(cache.load("https://us.posthog.com", "org-2").isEmpty());
        assertNotEquals(cache.fileFor("https://us.posthog.com", "org-1"), cache.fileFor("https://eu.posthog.com", "org-1"));
    }

    @Test
    void aServerOnThisComputerKeepsItsCacheWhenItsPortChanges() {
        // The sandbox listens on a new free port at every start; its cache must show on the next start.
        InventoryCache cache = new InventoryCache(tmp);
        InventorySnapshot s = snapshot("http://127.0.0.1:40001");
        cache.save(s);
        assertEquals(s, cache.load("http://127.0.0.1:40002/", "org-1").orElseThrow());
        assertEquals(cache.fileFor("http://localhost:1", "org-1"), cache.fileFor("http://localhost:2", "org-1"));
        assertNotEquals(cache.fileFor("http://127.0.0.1:1", "org-1"), cache.fileFor("http://127.0.0.2:1", "org-1"));
        // Another machine's port is part of its address.
        cache.save(snapshot("https://posthog.acme.io:8443"));
        assertTrue(cache.load("https://posthog.acme.io:9443", "org-1").isEmpty());
        assertTrue(cache.load("https://127.0.0.1.acme.io:9443", "org-1").isEmpty());
    }

    @Test
    void cacheFileIsReadableOnlyByItsOwner() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(snapshot("https://us.posthog.com"));
        Path f = cache.fileFor("https://us.posthog.com", "org-1");
        if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
        }
    }

    @Test
    void snapshotOfAnotherFormatIsIgnored() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(snapshot("https://us.posthog.com"));
        Path f = cache.fileFor("https://us.posthog.com", "org-1");
        Files.writeString(f, Files.readString(f).replace("\"format\":1", "\"format\":99"));
        assertTrue(cache.load("https://us.posthog.com", "org-1").isEmpty());
    }

    @Test
    void aBackgroundSaveIsReadBackAtOnceAndIsOnDiskAfterFlush() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        InventorySnapshot s = snapshot("https://us.posthog.com");
        cache.saveInBackground(s);
        assertEquals(s, cache.load("https://us.posthog.com", "org-1").orElseThrow(), "read your own write");
        assertTrue(cache.flush(java.time.Duration.ofSeconds(5)));
        assertEquals(s, new InventoryCache(tmp).load("https://us.posthog.com", "org-1").orElseThrow(),
                "another instance reads it from disk");
    }

    @Test
    void theLatestOfManyBackgroundSavesWins() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        InventorySnapshot last = null;
        for (int i = 0; i < 50; i++) {
            InventorySnapshot s = snapshot("https://us.posthog.com");
            last = new InventorySnapshot(s.host(), s.organization(), s.savedAt().plusSeconds(i), s.projects(),
                    s.repoCounts());
            cache.saveInBackground(last);
        }
        assertTrue(cache.flush(java.time.Duration.ofSeconds(5)));
        assertEquals(last, new InventoryCache(tmp).load("https://us.posthog.com", "org-1").orElseThrow());
    }

    @Test
    void theLatestSnapshotOfAHostIsFoundWithoutKnowingItsOrganizationAcrossPorts() {
        InventoryCache cache = new InventoryCache(tmp);
        assertTrue(cache.latest("http://127.0.0.1:8010").isEmpty(), "nothing saved yet");
        InventorySnapshot first = snapshot("http://127.0.0.1:8010");
        cache.save(first);
        Organization other = new Organization("org-2", "Beta", "beta", 8);
        InventorySnapshot second = new InventorySnapshot("http://127.0.0.1:8010", other, Instant.parse("2026-11-24T10:00:00Z"),
                List.of(new InventorySnapshot.Entry(new Project(201, "Beta web", "org-2", null), List.of())), Map.of());
        cache.save(second);
        // a new run of the server on another port: the organization saved last
        assertEquals(second, new InventoryCache(tmp).latest("http://127.0.0.1:40123").orElseThrow());
        assertTrue(new InventoryCache(tmp).latest("https://us.posthog.com").isEmpty(), "another host has its own");
        cache.save(first);
        assertEquals(first, new InventoryCache(tmp).latest("http://127.0.0.1:1").orElseThrow());
    }
}
