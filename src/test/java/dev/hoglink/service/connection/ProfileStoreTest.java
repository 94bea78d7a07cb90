package dev.hoglink.service.connection;

import dev.hoglink.service.PostHogHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.util.AppDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProfileStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T05:30:07Z"), ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("config").resolve(ProfileStore.FILE_NAME);
    }

    private ProfileStore store() {
        return new ProfileStore(file(), CLOCK);
    }

    @Test
    void missingFileMeansNoProfilesNoProblemAndNoFileCreated() {
        ProfileStore store = store();
        assertEquals(List.of(), store.profiles());
        assertEquals(Optional.empty(), store.lastUsed());
        assertEquals(Optional.empty(), store.loadProblem());
        assertFalse(Files.exists(file()));
    }

    @Test
    void profilesAndLastUsedSurviveAReopen() throws Exception {
        ProfileStore store = store();
        ConnectionProfile us = ConnectionProfile.of("Acme US", PostHogHost.US_CLOUD).withOrganizationId("0189-acme");
        ConnectionProfile eu = ConnectionProfile.of("Acme EU", PostHogHost.EU_CLOUD);
        ConnectionProfile self = ConnectionProfile.of("On-prem (staging)", PostHogHost.parse("https://ph.acme.io:8443/x"));
        ConnectionProfile sandbox = new ConnectionProfile("Sandbox", null, "sandbox-org", true);
        store.add(us);
        store.add(eu);
        store.add(self);
        store.add(sandbox);
        store.setLastUsed("acme eu");

        ProfileStore reopened = store();
        assertEquals(List.of(us, eu, self, sandbox), reopened.profiles());
        assertEquals(Optional.of(eu), reopened.lastUsed());
        assertEquals(Optional.empty(), reopened.loadProblem());
        assertEquals("https://ph.acme.io:8443", reopened.find("ON-PREM (STAGING)").orElseThrow().host().url());
    }

    @Test
    void fileIsOwnerOnlyJsonWithNoKeyField() throws Exception {
        store().add(ConnectionProfile.of("Acme", PostHogHost.US_CLOUD));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        JsonNode root = new ObjectMapper().readTree(file().toFile());
        assertEquals(1, root.path("version").asInt());
        JsonNode profile = root.path("profiles").get(0);
        List<String> fields = List.copyOf(iterable(profile.fieldNames()));
        assertEquals(List.of("name", "host", "organizationId", "sandbox"), fields);
        assertEquals("https://us.posthog.com", profile.path("host").asText());
    }

    private static <T> List<T> iterable(java.util.Iterator<T> it) {
        List<T> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @Test
    void duplicateNamesAreRefusedWhateverTheCaseAndTheFileIsUnchanged() throws Exception {
        ProfileStore store = store();
        store.add(ConnectionProfile.of("Acme", PostHogHost.US_CLOUD));
        String before = Files.readString(file());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> store.add(ConnectionProfile.of(" ACME ", PostHogHost.EU_CLOUD)));
        assertEquals("A connection named \"ACME\" already exists; choose another name.", e.getMessage());
        assertEquals(before, Files.readString(file()));
        assertEquals(1, store.profiles().size());
    }

    @ParameterizedTest(name = "\"{0}\" is not a valid name")
    @ValueSource(strings = {"", "   ", "a/b", "tab\there", "line\nbreak", "semi;colon",
        "this name is far too long for a connection profile and goes on and on"})
    void invalidProfileNamesAreRefusedWithAMessage(String name) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ConnectionProfile.of(name, PostHogHost.US_CLOUD));
        assertTrue(e.getMessage().startsWith("Give the connection a name") || e.getMessage().startsWith("Connection names"),
                e.getMessage());
    }

    @Test
    void profileWithoutHostIsRefusedUnlessItIsTheSandbox() {
        assertThrows(IllegalArgumentException.class, () -> new ConnectionProfile("Acme", null, null, false));
        assertEquals("Sandbox", new ConnectionProfile(" Sandbox ", null, " ", true).name());
        assertEquals(null, new ConnectionProfile("Sandbox", null, " ", true).organizationId());
    }

    @Test
    void corruptFileIsMovedAsideNotWipedAndTheStoreStartsEmpty() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":1,\"profiles\":[{\"name\":\"Acme\",");
        ProfileStore store = store();
        assertEquals(List.of(), store.profiles());
        Path aside = file().resolveSibling("profiles.json.corrupt-20261124T053007Z");
        ProfileStore.LoadProblem problem = store.loadProblem().orElseThrow();
        assertEquals(Optional.of(aside), problem.keptAs());
        assertTrue(problem.message().contains("profiles.json.corrupt-20261124T053007Z"), problem.message());
        assertTrue(problem.message().contains("starts with no saved connections"), problem.message());
        assertEquals("{\"version\":1,\"profiles\":[{\"name\":\"Acme\",", Files.readString(aside));
        assertFalse(Files.exists(file()));

        store.add(ConnectionProfile.of("Fresh", PostHogHost.EU_CLOUD));
        assertEquals(List.of("Fresh"), store().profiles().stream().map(ConnectionProfile::name).toList());
        assertTrue(Files.exists(aside), "the damaged copy stays");
    }

    /** Files Jackson refuses with a limit error that carries no location, and one no parser should read. */
    static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> damagedFiles() {
        String deep = "{\"version\":1,\"profiles\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}";
        String longNumber = "{\"version\":" + "9".repeat(5_000) + ",\"profiles\":[]}";
        String longString = "{\"version\":1,\"lastUsed\":\"" + "x".repeat(21_000_000) + "\",\"profiles\":[]}";
        return java.util.stream.Stream.of(
                org.junit.jupiter.params.provider.Arguments.of("nested too deeply", deep),
                org.junit.jupiter.params.provider.Arguments.of("a 5,000-digit number", longNumber),
                org.junit.jupiter.params.provider.Arguments.of("a 21 M-character string", longString));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.MethodSource("damagedFiles")
    void fileOverAParserLimitIsSetAsideOwnerOnlyAndTheUserIsTold(String what, String content) throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), content);
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        ProfileStore store = store();
        assertEquals(List.of(), store.profiles());
        ProfileStore.LoadProblem problem = store.loadProblem().orElseThrow();
        Path aside = problem.keptAs().orElseThrow();
        assertTrue(problem.message().startsWith("The saved connections could not be read: "), problem.message());
        assertTrue(problem.message().contains(aside.getFileName().toString()), problem.message());
        assertEquals(content.length(), Files.size(aside), "the original is kept whole");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aside)));
        assertFalse(Files.exists(file()));
        store.add(ConnectionProfile.of("Fresh", PostHogHost.EU_CLOUD));
        assertEquals(1, store().profiles().size());
    }

    @Test
    void twoGigabyteFileIsSetAsideWithoutBeingRead() throws Exception {
        Files.createDirectories(file().getParent());
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(file().toFile(), "rw")) {
            f.setLength(2L * 1024 * 1024 * 1024 + 10); // sparse: takes no disk space
        }
        ProfileStore store = store();
        ProfileStore.LoadProblem problem = store.loadProblem().orElseThrow();
        assertTrue(problem.message().contains("it is 2048 MB, far more than saved connections take"), problem.message());
        assertEquals(2L * 1024 * 1024 * 1024 + 10, Files.size(problem.keptAs().orElseThrow()));
        assertFalse(Files.exists(file()));
    }

    @Test
    void partlyBadFileCopiedAsideIsOwnerOnlyWhateverTheOriginalsMode() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":1,\"profiles\":[{\"name\":\"Good\",\"host\":\"https://eu.posthog.com\"},3]}");
        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-rw-rw-"));
        Path aside = store().loadProblem().orElseThrow().keptAs().orElseThrow();
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(aside)));
    }

    @Test
    void fileStartingWithAUtf8ByteOrderMarkIsRead() throws Exception {
        Files.createDirectories(file().getParent());
        byte[] json = "{\"version\":1,\"lastUsed\":\"Acme\",\"profiles\":[{\"name\":\"Acme\",\"host\":\"https://eu.posthog.com\"}]}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] withBom = new byte[json.length + 3];
        withBom[0] = (byte) 0xEF;
        withBom[1] = (byte) 0xBB;
        withBom[2] = (byte) 0xBF;
        System.arraycopy(json, 0, withBom, 3, json.length);
        Files.write(file(), withBom);
        ProfileStore store = store();
        assertEquals(Optional.empty(), store.loadProblem());
        assertEquals("Acme", store.lastUsed().orElseThrow().name());
    }

    @Test
    void secondCorruptionOnTheSameSecondGetsItsOwnAsideName() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "not json");
        store();
        Files.writeString(file(), "[]");
        ProfileStore store = store();
        assertEquals(file().resolveSibling("profiles.json.corrupt-20261124T053007Z-1"),
                store.loadProblem().orElseThrow().keptAs().orElseThrow());
    }

    @Test
    void badEntriesAreSkippedReportedAndTheOriginalIsCopiedAside() throws Exception {
        Files.createDirectories(file().getParent());
        String original = """
                {"version":1,"lastUsed":"Good","profiles":[
                  {"name":"Good","host":"https://eu.posthog.com","organizationId":"o1","sandbox":false},
                  {"name":"Bad host","host":"http://evil.example","sandbox":false},
                  {"name":"good","host":"https://us.posthog.com"}
                ]}""";
        Files.writeString(file(), original);
        ProfileStore store = store();
        assertEquals(List.of(new ConnectionProfile("Good", PostHogHost.EU_CLOUD, "o1", false)), store.profiles());
        assertEquals("Good", store.lastUsed().orElseThrow().name());
        ProfileStore.LoadProblem problem = store.loadProblem().orElseThrow();
        assertTrue(problem.message().startsWith("The saved connections could not be read: 2 saved connections could not be read (#2: Use https://"),
                problem.message());
        assertTrue(problem.message().contains("#3: the name \"good\" is used twice"), problem.message());
        assertEquals(original, Files.readString(problem.keptAs().orElseThrow()));
        assertEquals(original, Files.readString(file()), "nothing is rewritten until the user changes something");
    }

    @Test
    void unreadableFileIsLeftUntouchedAndChangesAreRefused() throws Exception {
        Files.createDirectories(file()); // a folder where the file should be: reading fails with an I/O error
        ProfileStore store = store();
        assertTrue(store.loadProblem().orElseThrow().message().contains("could not be read"));
        IOException e = assertThrows(IOException.class, () -> store.add(ConnectionProfile.of("Acme", PostHogHost.US_CLOUD)));
        assertTrue(e.getMessage().startsWith("Connections are not saved because profiles.json could not be read"), e.getMessage());
        assertTrue(Files.isDirectory(file()));
    }

    @Test
    void fileFromANewerVersionIsNotOverwritten() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":2,\"profiles\":[]}");
        ProfileStore store = store();
        assertTrue(store.loadProblem().orElseThrow().message().contains("newer Hoglink"));
        assertThrows(IOException.class, () -> store.add(ConnectionProfile.of("Acme", PostHogHost.US_CLOUD)));
        assertEquals("{\"version\":2,\"profiles\":[]}", Files.readString(file()));
    }

    @Test
    void removingOrRenamingTheLastUsedProfileKeepsLastUsedConsistent() throws Exception {
        ProfileStore store = store();
        store.add(ConnectionProfile.of("A", PostHogHost.US_CLOUD));
        store.add(ConnectionProfile.of("B", PostHogHost.EU_CLOUD));
        store.setLastUsed("A");
        store.rename("a", "A prime");
        assertEquals("A prime", store().lastUsed().orElseThrow().name());
        assertThrows(IllegalArgumentException.class, () -> store.rename("A prime", "b"));
        store.remove("A prime");
        assertEquals(Optional.empty(), store().lastUsed());
        assertEquals(List.of("B"), store().profiles().stream().map(ConnectionProfile::name).toList());
        assertThrows(IllegalArgumentException.class, () -> store.setLastUsed("missing"));
    }

    @Test
    void updateReplacesTheOrganizationOfAnExistingProfile() throws Exception {
        ProfileStore store = store();
        store.add(ConnectionProfile.of("Acme", PostHogHost.US_CLOUD));
        store.update(store.find("acme").orElseThrow().withOrganizationId("0190-new"));
        assertEquals("0190-new", store().find("Acme").orElseThrow().organizationId());
        assertThrows(IllegalArgumentException.class, () -> store.update(ConnectionProfile.of("Nope", PostHogHost.US_CLOUD)));
    }

    @Test
    void openUsesTheConfigFolderOfAppDirs() throws Exception {
        ProfileStore store = ProfileStore.open(AppDirs.under(tmp.resolve("home")));
        store.add(ConnectionProfile.of("Acme", PostHogHost.US_CLOUD));
        assertTrue(Files.exists(tmp.resolve("home/config/profiles.json")));
    }

    @Test
    void theReadOnlyMarkAndTheSiteAddressSurviveAReopenAndRenames() throws Exception {
        ProfileStore store = store();
        PostHogHost internal = PostHogHost.parse("https://posthog.internal.example");
        store.add(ConnectionProfile.of("Prod", internal).withSiteUrl(PostHogHost.parse("https://posthog.acme.example"))
                .withReadOnly(true));
        store.rename("Prod", "Production");

        ConnectionProfile back = store().find("Production").orElseThrow();

        assertTrue(back.readOnly());
        assertEquals("https://posthog.acme.example", back.siteUrl().url());
        assertEquals(java.util.Optional.of(java.net.URI.create("https://posthog.acme.example")), back.siteUri());
        String json = Files.readString(file());
        assertTrue(json.contains("\"readOnly\" : true") && json.contains("\"siteUrl\""), json);
    }

    @Test
    void aProfileWithoutTheNewFieldsIsNeitherReadOnlyNorGivenASiteAddress() throws Exception {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\":1,\"profiles\":[{\"name\":\"Old\",\"host\":\"https://eu.posthog.com\"}]}");
        ConnectionProfile old = store().find("Old").orElseThrow();
        assertFalse(old.readOnly());
        assertEquals(java.util.Optional.empty(), old.siteUri());
        assertFalse(Files.readString(file()).contains("readOnly"));
    }

    @Test
    void aSiteAddressEqualToTheHostIsNotRecorded() {
        PostHogHost h = PostHogHost.parse("https://posthog.acme.example");
        assertEquals(null, ConnectionProfile.of("Same", h).withSiteUrl(PostHogHost.parse("posthog.acme.example/")).siteUrl());
    }
    @Test
    void twoRunningCopiesKeepEachOthersConnections() throws Exception {
        store().add(new ConnectionProfile("Sandbox", null, "sandbox-org", true));
        ProfileStore window = store();
        ProfileStore login = store(); // `hoglink login` while the window is open
        ConnectionProfile prod = ConnectionProfile.of("Prod", PostHogHost.US_CLOUD);
        login.add(prod);
        login.setLastUsed("Prod");

        IllegalArgumentException clash = assertThrows(IllegalArgumentException.class,
                () -> window.add(ConnectionProfile.of("PROD", PostHogHost.EU_CLOUD)));
        assertEquals("A connection named \"PROD\" already exists; choose another name.", clash.getMessage());
        window.add(ConnectionProfile.of("Staging", PostHogHost.EU_CLOUD));

        ProfileStore reopened = store();
        assertEquals(List.of("Sandbox", "Prod", "Staging"), reopened.profiles().stream().map(ConnectionProfile::name).toList());
        assertEquals(Optional.of(prod), reopened.lastUsed());
        window.setLastUsed("Sandbox");
        assertEquals(List.of("Sandbox", "Prod", "Staging"), store().profiles().stream().map(ConnectionProfile::name).toList());
        assertEquals("Sandbox", store().lastUsed().orElseThrow().name());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                file().resolveSibling(".profiles.json.lock"))));
    }

    @Test
    void aStoreTakesAnotherCopysChangeWhenAskedAndOnlyThen() throws Exception {
        ProfileStore window = store();
        ProfileStore login = store();
        assertFalse(window.refreshIfChangedOnDisk(), "nothing changed since the window read the (missing) file");
        login.add(ConnectionProfile.of("Prod", PostHogHost.US_CLOUD));
        assertEquals(List.of(), window.profiles(), "the list is the one read at start until refreshed");

        assertTrue(window.refreshIfChangedOnDisk());
        assertEquals(List.of("Prod"), window.profiles().stream().map(ConnectionProfile::name).toList());
        assertFalse(window.refreshIfChangedOnDisk(), "read once per change");

        window.add(ConnectionProfile.of("Staging", PostHogHost.EU_CLOUD));
        assertFalse(window.refreshIfChangedOnDisk(), "its own write is not a change to read again");

        Files.writeString(file(), "{ not json");
        assertTrue(window.refreshIfChangedOnDisk());
        assertEquals(List.of("Prod", "Staging"), window.profiles().stream().map(ConnectionProfile::name).toList(),
                "a file that does not read cleanly now leaves the list as it was");
        assertEquals("{ not json", Files.readString(file()), "and is not written over by a refresh");
    }

    @Test
    void changesFromTwoCopiesAtOnceAreAllKept() throws Exception {
        ProfileStore a = store();
        ProfileStore b = store();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(2);
            List<java.util.concurrent.Future<Object>> runs = pool.invokeAll(List.of(
                    () -> addMany(a, "a", start), () -> addMany(b, "b", start)), 60, java.util.concurrent.TimeUnit.SECONDS);
            for (java.util.concurrent.Future<Object> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(40, store().profiles().size());
    }

    private static Object addMany(ProfileStore store, String prefix, java.util.concurrent.CyclicBarrier start) throws Exception {
        start.await();
        for (int i = 0; i < 20; i++) {
            store.add(ConnectionProfile.of(prefix + i, PostHogHost.US_CLOUD));
        }
        return null;
    }

    @Test
    void aFileANewerHoglinkWroteMeanwhileIsNotWrittenOver() throws Exception {
        ProfileStore store = store();
        store.add(ConnectionProfile.of("Acme", PostHogHost.US_CLOUD));
        Files.writeString(file(), "{\"version\":2,\"profiles\":[]}");

        IOException e = assertThrows(IOException.class, () -> store.add(ConnectionProfile.of("Beta", PostHogHost.US_CLOUD)));

        assertTrue(e.getMessage().contains("newer Hoglink"), e.getMessage());
        assertEquals("{\"version\":2,\"profiles\":[]}", Files.readString(file()));
    }
}
