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
}
