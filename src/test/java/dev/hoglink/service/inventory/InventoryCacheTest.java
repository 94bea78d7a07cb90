package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

    private static final String PROD = CacheKey.profile("Prod");
    private static final String ADA = "uuid-ada";

    /** The profile "Prod" on {@code host}, signed in as Ada. */
    private static CacheKey k(String host) {
        return new CacheKey(host, PROD, ADA);
    }

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
        cache.save(k("https://us.posthog.com"), s);
        assertEquals(s, cache.load(k("https://us.posthog.com/"), "org-1").orElseThrow());
    }

    @Test
    void missingSnapshotIsEmpty() {
        assertTrue(new InventoryCache(tmp).load(k("https://us.posthog.com"), "org-1").isEmpty());
    }

    @Test
    void corruptFileIsIgnoredNotThrown() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(k("https://us.posthog.com"), snapshot("https://us.posthog.com"));
        Files.writeString(cache.fileFor(k("https://us.posthog.com"), "org-1"), "{\"format\":2,\"snapshot\":{\"projects\":[tru");
        assertTrue(cache.load(k("https://us.posthog.com"), "org-1").isEmpty());
    }

    @Test
    void hostsAndOrganizationsHaveSeparateFiles() {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(k("https://us.posthog.com"), snapshot("https://us.posthog.com"));
        assertTrue(cache.load(k("https://eu.posthog.com"), "org-1").isEmpty());
        assertTrue(cache.load(k("https://us.posthog.com"), "org-2").isEmpty());
        assertNotEquals(cache.fileFor(k("https://us.posthog.com"), "org-1"), cache.fileFor(k("https://eu.posthog.com"), "org-1"));
    }

    @Test
    void anotherConnectionOrUserOnTheSameHostDoesNotSeeTheCache() {
        InventoryCache cache = new InventoryCache(tmp);
        String host = "http://127.0.0.1:8010";
        InventorySnapshot owners = snapshot(host);
        cache.save(new CacheKey(host, CacheKey.sandbox("owner"), "uuid-owner"), owners);
        // a read-only profile on a standalone sandbox: the same loopback host, another connection and user
        assertTrue(cache.load(new CacheKey("http://127.0.0.1:9000", CacheKey.profile("Read only"), "uuid-cy"), "org-1").isEmpty());
        assertTrue(cache.latest("http://127.0.0.1:9000", CacheKey.profile("Read only")).isEmpty());
        // the same connection as another user, or the sandbox signed in as another role
        assertTrue(cache.load(new CacheKey(host, CacheKey.sandbox("owner"), "uuid-cy"), "org-1").isEmpty());
        assertTrue(cache.load(new CacheKey(host, CacheKey.sandbox("readonly"), "uuid-owner"), "org-1").isEmpty());
        assertTrue(cache.latest(host, CacheKey.sandbox("readonly")).isEmpty());
        // the identity that saved it finds it
        assertEquals(owners, cache.load(new CacheKey(host, CacheKey.sandbox("owner"), "uuid-owner"), "org-1").orElseThrow());
        assertEquals(owners, cache.latest(host, CacheKey.sandbox("owner")).orElseThrow().snapshot());
    }

    @Test
    void aProfileSignedInAsAnotherUserDoesNotSeeTheFirstUsersCache() {
        InventoryCache cache = new InventoryCache(tmp);
        String host = "https://posthog.acme.io";
        cache.save(k(host), snapshot(host));
        assertEquals(ADA, cache.recordedUser(host, PROD), "the user its last session was signed in as");
        assertEquals(k(host), cache.latest(host, PROD).orElseThrow().key());

        // the profile is given a new key or sign-in: until a request says who, there is no first frame
        cache.forgetUser(PROD);
        assertEquals("", cache.recordedUser(host, PROD));
        assertTrue(new InventoryCache(tmp).latest(host, PROD).isEmpty());

        // a request says it is Cy: Cy's first frame never shows Ada's inventory
        cache.recordUser(new CacheKey(host, PROD, "uuid-cy"));
        assertEquals("uuid-cy", new InventoryCache(tmp).recordedUser(host, PROD));
        assertTrue(new InventoryCache(tmp).latest(host, PROD).isEmpty());
        assertTrue(cache.load(new CacheKey(host, PROD, "uuid-cy"), "org-1").isEmpty());

        // Ada again: hers is still there
        cache.recordUser(k(host));
        assertTrue(cache.load(k(host), "org-1").isPresent());
    }

    @Test
    void theNameOfAProfileIsKeyedWhateverItsCaseAndTheRecordBelongsToItsHost() {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(new CacheKey("https://posthog.acme.io", CacheKey.profile("prod "), ADA), snapshot("https://posthog.acme.io"));
        assertTrue(cache.latest("https://posthog.acme.io", CacheKey.profile("PROD")).isPresent());
        assertTrue(cache.latest("https://other.acme.io", CacheKey.profile("Prod")).isEmpty(), "the profile now points elsewhere");
    }

    @Test
    void theEmbeddedSandboxsKeyIsTheSameFromRunToRun() {
        CacheKey run1 = new CacheKey("http://127.0.0.1:40001", CacheKey.sandbox("owner"), "uuid-owner");
        CacheKey run2 = new CacheKey("http://127.0.0.1:40777/", CacheKey.sandbox(null), "uuid-owner");
        assertEquals(run1, run2);
        InventoryCache cache = new InventoryCache(tmp);
        assertEquals(cache.fileFor(run1, "org-1"), cache.fileFor(run2, "org-1"));
        cache.save(run1, snapshot("http://127.0.0.1:40001"));
        assertEquals(run1, new InventoryCache(tmp).latest("http://127.0.0.1:40777", CacheKey.sandbox("owner")).orElseThrow().key());
    }

    @Test
    void filesOfTheFirstFormatAreNeverReadAndTheFirstSaveDeletesThem() throws Exception {
        // As the first format wrote them: keyed by host and organization only, whoever saw them.
        Path old = tmp.resolve("inventory-0123456789abcdef01234567.json");
        Path oldLatest = tmp.resolve("latest-0123456789abcdef01234567.txt");
        Files.writeString(old, "{\"format\":1,\"snapshot\":{\"host\":\"http://127.0.0.1\"}}");
        Files.writeString(oldLatest, "org-1");
        InventoryCache cache = new InventoryCache(tmp);
        assertTrue(cache.latest("http://127.0.0.1", CacheKey.sandbox("owner")).isEmpty());
        cache.save(k("https://us.posthog.com"), snapshot("https://us.posthog.com"));
        assertFalse(Files.exists(old));
        assertFalse(Files.exists(oldLatest));
        assertTrue(cache.load(k("https://us.posthog.com"), "org-1").isPresent(), "its own files stay");
    }

    @Test
    void theFirstSaveDeletesTempFilesAKilledRunLeftButNotAWriteInProgress() throws Exception {
        // What a kill -9 during AtomicFiles.write leaves: the temp file, never renamed or deleted.
        Path killed = tmp.resolve(".inventory-v2-0123456789abcdef.json.8790045889316235582.tmp");
        Path another = tmp.resolve(".index-0123456789abcdef.json.14229814314851053.tmp");
        Path inProgress = tmp.resolve(".inventory-v2-fedcba9876543210.json.7743153722882245861.tmp");
        Path notOurs = tmp.resolve("notes.tmp");
        for (Path p : List.of(killed, another, inProgress, notOurs)) {
            Files.writeString(p, "{\"format\":");
        }
        java.nio.file.attribute.FileTime hourAgo = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(java.time.Duration.ofHours(1)));
        for (Path p : List.of(killed, another, notOurs)) {
            Files.setLastModifiedTime(p, hourAgo);
        }
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(k("https://us.posthog.com"), snapshot("https://us.posthog.com"));

        assertFalse(Files.exists(killed));
        assertFalse(Files.exists(another));
        assertTrue(Files.exists(inProgress), "a younger temp file may be another running copy's write");
        assertTrue(Files.exists(notOurs));
        assertTrue(cache.load(k("https://us.posthog.com"), "org-1").isPresent());
    }

    @Test
    void aFileSavedUnderAnotherIdentityIsNotReadEvenUnderThisName() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(k("https://us.posthog.com"), snapshot("https://us.posthog.com"));
        CacheKey cy = new CacheKey("https://us.posthog.com", PROD, "uuid-cy");
        Files.copy(cache.fileFor(k("https://us.posthog.com"), "org-1"), cache.fileFor(cy, "org-1"));
        assertTrue(cache.load(cy, "org-1").isEmpty(), "the file says whose it is");
    }

    @Test
    void aServerOnThisComputerKeepsItsCacheWhenItsPortChanges() {
        // The sandbox listens on a new free port at every start; its cache must show on the next start.
        InventoryCache cache = new InventoryCache(tmp);
        InventorySnapshot s = snapshot("http://127.0.0.1:40001");
        cache.save(k("http://127.0.0.1:40001"), s);
        assertEquals(s, cache.load(k("http://127.0.0.1:40002/"), "org-1").orElseThrow());
        assertEquals(cache.fileFor(k("http://localhost:1"), "org-1"), cache.fileFor(k("http://localhost:2"), "org-1"));
        assertNotEquals(cache.fileFor(k("http://127.0.0.1:1"), "org-1"), cache.fileFor(k("http://127.0.0.2:1"), "org-1"));
        // Another machine's port is part of its address.
        cache.save(k("https://posthog.acme.io:8443"), snapshot("https://posthog.acme.io:8443"));
        assertTrue(cache.load(k("https://posthog.acme.io:9443"), "org-1").isEmpty());
        assertTrue(cache.load(k("https://127.0.0.1.acme.io:9443"), "org-1").isEmpty());
    }

    @Test
    void cacheFileIsReadableOnlyByItsOwner() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(k("https://us.posthog.com"), snapshot("https://us.posthog.com"));
        for (Path f : List.of(cache.fileFor(k("https://us.posthog.com"), "org-1"), cache.indexFor(PROD))) {
            if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            }
        }
    }

    @Test
    void snapshotOfAnotherFormatIsIgnored() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        cache.save(k("https://us.posthog.com"), snapshot("https://us.posthog.com"));
        Path f = cache.fileFor(k("https://us.posthog.com"), "org-1");
        Files.writeString(f, Files.readString(f).replace("\"format\":2", "\"format\":99"));
        assertTrue(cache.load(k("https://us.posthog.com"), "org-1").isEmpty());
    }

    @Test
    void aBackgroundSaveIsReadBackAtOnceAndIsOnDiskAfterFlush() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        InventorySnapshot s = snapshot("https://us.posthog.com");
        cache.saveInBackground(k("https://us.posthog.com"), s);
        assertEquals(s, cache.load(k("https://us.posthog.com"), "org-1").orElseThrow(), "read your own write");
        assertTrue(cache.flush(java.time.Duration.ofSeconds(5)));
        assertEquals(s, new InventoryCache(tmp).load(k("https://us.posthog.com"), "org-1").orElseThrow(),
                "another instance reads it from disk");
        assertTrue(new InventoryCache(tmp).load(new CacheKey("https://us.posthog.com", PROD, "uuid-cy"), "org-1").isEmpty(),
                "not another user's");
    }

    @Test
    void theLatestOfManyBackgroundSavesWins() throws Exception {
        InventoryCache cache = new InventoryCache(tmp);
        InventorySnapshot last = null;
        for (int i = 0; i < 50; i++) {
            InventorySnapshot s = snapshot("https://us.posthog.com");
            last = new InventorySnapshot(s.host(), s.organization(), s.savedAt().plusSeconds(i), s.projects(),
                    s.repoCounts());
            cache.saveInBackground(k("https://us.posthog.com"), last);
        }
        assertTrue(cache.flush(java.time.Duration.ofSeconds(5)));
        assertEquals(last, new InventoryCache(tmp).load(k("https://us.posthog.com"), "org-1").orElseThrow());
    }

    @Test
    void theLatestSnapshotOfAConnectionIsFoundWithoutKnowingItsOrganizationAcrossPorts() {
        InventoryCache cache = new InventoryCache(tmp);
        assertTrue(cache.latest("http://127.0.0.1:8010", PROD).isEmpty(), "nothing saved yet");
        InventorySnapshot first = snapshot("http://127.0.0.1:8010");
        cache.save(k("http://127.0.0.1:8010"), first);
        Organization other = new Organization("org-2", "Beta", "beta", 8);
        InventorySnapshot second = new InventorySnapshot("http://127.0.0.1:8010", other, Instant.parse("2026-11-24T10:00:00Z"),
                List.of(new InventorySnapshot.Entry(new Project(201, "Beta web", "org-2", null), List.of())), Map.of());
        cache.save(k("http://127.0.0.1:8010"), second);
        // a new run of the server on another port: the organization saved last
        assertEquals(second, new InventoryCache(tmp).latest("http://127.0.0.1:40123", PROD).orElseThrow().snapshot());
        assertTrue(new InventoryCache(tmp).latest("https://us.posthog.com", PROD).isEmpty(), "another host has its own");
        cache.save(k("http://127.0.0.1:8010"), first);
        assertEquals(first, new InventoryCache(tmp).latest("http://127.0.0.1:1", PROD).orElseThrow().snapshot());
    }
}
