package dev.hoglink.service.connection;

import dev.hoglink.service.PostHogHost;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.AtomicFiles;
import dev.hoglink.util.FileUpdateLock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The saved connection profiles and the one used last, in {@code profiles.json} in the config folder. The
 * file holds no keys. Every change is written at once with {@link AtomicFiles} (owner-only, crash-safe).
 *
 * <p>A missing file means no profiles. A file over {@link #MAX_FILE_BYTES} is not read. A UTF-8 byte-order
 * mark is skipped. A file that cannot be parsed (whatever the reason) is never wiped: it is moved aside as
 * {@code profiles.json.corrupt-<UTC time>}, the store starts empty and {@link #loadProblem()} says so. If only
 * some entries are bad, the good ones are kept and a copy of the original is set aside the same way. If the
 * file cannot be read at all (or comes from a newer Hoglink), the store starts empty and refuses to save, so
 * the file is left as it is.
 *
 * <p>Thread-safe; the file is small, so calls do their I/O inline (keep them off the UI thread).
 */
public final class ProfileStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProfileStore.class);
    public static final String FILE_NAME = "profiles.json";
    static final int VERSION = 1;
    /** Far more than any real list of connections (a profile is about 150 bytes); a larger file is not read. */
    static final long MAX_FILE_BYTES = 1024 * 1024;
    private static final DateTimeFormatter STAMP =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'", Locale.ROOT).withZone(ZoneOffset.UTC);

    /** Why the saved profiles were not (all) loaded, and where the original file was kept, if anywhere. */
    public record LoadProblem(String message, Optional<Path> keptAs) {
    }

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private List<ConnectionProfile> profiles = List.of();
    private String lastUsed;
    private LoadProblem loadProblem;
    private boolean writable = true;
    /** The file as this store last read or wrote it (modified time and size), or null when there was none. */
    private Stamp seen;

    private record Stamp(java.nio.file.attribute.FileTime modified, long size) {
    }

    /** Opens {@code profiles.json} in this user's config folder. */
    public static ProfileStore open(AppDirs dirs) {
        return new ProfileStore(dirs.configPath().resolve(FILE_NAME), Clock.systemUTC());
    }

    public ProfileStore(Path file, Clock clock) {
        this.file = Objects.requireNonNull(file);
        this.clock = Objects.requireNonNull(clock);
        Stamp before = stamp();
        load();
        seen = before;
    }

    /**
     * Takes the file's list again when another running Hoglink (a second window, {@code hoglink login} in a
     * terminal) changed it since this store last read or wrote it, so an open window's Connection menu lists the
     * connection saved meanwhile. Costs one look at the file's modified time and size when nothing changed; a file
     * that does not read cleanly now leaves the list as it is (the next start deals with it).
     *
     * @return true when the list was read again
     */
    public synchronized boolean refreshIfChangedOnDisk() {
        if (!writable) {
            return false;
        }
        Stamp now = stamp();
        if (Objects.equals(now, seen)) {
            return false;
        }
        readAgain();
        seen = now;
        return true;
    }

    private Stamp stamp() {
        try {
            return new Stamp(Files.getLastModifiedTime(file), Files.size(file));
        } catch (IOException e) {
            return null;
        }
    }

    public Path file() {
        return file;
    }

    public synchronized List<ConnectionProfile> profiles() {
        return profiles;
    }

    /** The profile with this name, compared without regard to case or surrounding spaces. */
    public synchronized Optional<ConnectionProfile> find(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String wanted = name.strip();
        return profiles.stream().filter(p -> p.name().equalsIgnoreCase(wanted)).findFirst();
    }

    /** The profile used last, if it still exists. */
    public synchronized Optional<ConnectionProfile> lastUsed() {
        return find(lastUsed);
    }

    /** What went wrong while loading, if anything; the UI shows it once. */
    public synchronized Optional<LoadProblem> loadProblem() {
        return Optional.ofNullable(loadProblem);
    }

    /**
     * Adds a profile.
     *
     * @throws IllegalArgumentException when another profile already has this name
     * @throws IOException when the file cannot be written; nothing changes then
     */
    public synchronized void add(ConnectionProfile profile) throws IOException {
        Objects.requireNonNull(profile);
        changeOnDisk(() -> {
            if (find(profile.name()).isPresent()) {
                throw new IllegalArgumentException("A connection named \"" + profile.name() + "\" already exists; choose another name.");
            }
            List<ConnectionProfile> next = new ArrayList<>(profiles);
            next.add(profile);
            commit(next, lastUsed);
            return null;
        });
    }

    /** Replaces the profile with the same name (e.g. a new host or organization). */
    public synchronized void update(ConnectionProfile profile) throws IOException {
        Objects.requireNonNull(profile);
        changeOnDisk(() -> {
            int index = indexOf(profile.name());
            List<ConnectionProfile> next = new ArrayList<>(profiles);
            next.set(index, profile);
            commit(next, lastUsed);
            return null;
        });
    }

    /**
     * Renames a profile. The caller moves its key in the credentials.CredentialStore, which is keyed by name.
     */
    public synchronized ConnectionProfile rename(String oldName, String newName) throws IOException {
        return changeOnDisk(() -> renameNow(oldName, newName));
    }

    private ConnectionProfile renameNow(String oldName, String newName) throws IOException {
        int index = indexOf(oldName);
        ConnectionProfile renamed = profiles.get(index).withName(newName);
        Optional<ConnectionProfile> clash = find(renamed.name());
        if (clash.isPresent() && clash.get() != profiles.get(index)) {
            throw new IllegalArgumentException("A connection named \"" + renamed.name() + "\" already exists; choose another name.");
        }
        List<ConnectionProfile> next = new ArrayList<>(profiles);
        next.set(index, renamed);
        boolean wasLast = lastUsed != null && lastUsed.equalsIgnoreCase(profiles.get(index).name());
        commit(next, wasLast ? renamed.name() : lastUsed);
        return renamed;
    }

    /** Removes a profile (its key stays in the credential store until the caller deletes it). */
    public synchronized void remove(String name) throws IOException {
        changeOnDisk(() -> {
            int index = indexOf(name);
            List<ConnectionProfile> next = new ArrayList<>(profiles);
            ConnectionProfile removed = next.remove(index);
            boolean wasLast = lastUsed != null && lastUsed.equalsIgnoreCase(removed.name());
            commit(next, wasLast ? null : lastUsed);
            return null;
        });
    }

    /** Remembers the profile opened last, so the next start opens it. */
    public synchronized void setLastUsed(String name) throws IOException {
        changeOnDisk(() -> {
            ConnectionProfile profile = profiles.get(indexOf(name));
            commit(profiles, profile.name());
            return null;
        });
    }

    /**
     * Runs one change while holding the file's update lock, on the list as the file holds it now: another
     * running Hoglink (a second window, {@code hoglink login}) may have saved a connection since this store read
     * the file, and writing this store's older list would drop it.
     */
    private <T> T changeOnDisk(FileUpdateLock.Update<T> change) throws IOException {
        return FileUpdateLock.holding(file, () -> {
            if (writable) {
                readAgain();
            }
            return change.run();
        });
    }

    /**
     * Takes the file's current list when it reads cleanly; otherwise keeps this store's (a damaged file is left for
     * the next start to set aside, as {@link #load()} does). A file a newer Hoglink wrote meanwhile is not
     * written over.
     */
    private void readAgain() {
        byte[] bytes;
        try {
            bytes = readAtMost(file, MAX_FILE_BYTES);
        } catch (IOException e) {
            return; // missing (nothing to keep) or unreadable now: the write will say so if it fails too
        }
        if (bytes == null) {
            return;
        }
        int start = byteOrderMarkLength(bytes);
        try {
            JsonNode root = mapper.readTree(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
            if (root == null || !root.isObject() || !root.path("profiles").isArray()) {
                return;
            }
            if (writtenByANewerHoglink(root)) {
                return;
            }
            List<ConnectionProfile> current = new ArrayList<>();
            for (JsonNode node : root.path("profiles")) {
                ConnectionProfile p = parseProfile(node);
                if (current.stream().anyMatch(q -> q.name().equalsIgnoreCase(p.name()))) {
                    return;
                }
                current.add(p);
            }
            profiles = List.copyOf(current);
            JsonNode last = root.path("lastUsed");
            lastUsed = last.isTextual() ? last.asText() : null;
        } catch (JsonProcessingException | RuntimeException | StackOverflowError e) {
            LOGGER.warn("{} changed since it was loaded and does not read cleanly now; keeping the list loaded at start: {}",
                    file.getFileName(), e.toString());
        }
    }

    private int indexOf(String name) {
        Optional<ConnectionProfile> found = find(name);
        if (found.isEmpty()) {
            throw new IllegalArgumentException("There is no saved connection named \"" + name + "\".");
        }
        return profiles.indexOf(found.get());
    }

    private void commit(List<ConnectionProfile> next, String nextLastUsed) throws IOException {
        if (!writable) {
            throw new IOException("Connections are not saved because " + file.getFileName()
                    + " could not be read and is left untouched. " + (loadProblem == null ? "" : loadProblem.message()));
        }
        AtomicFiles.write(file, serialise(next, nextLastUsed));
        profiles = List.copyOf(next);
        lastUsed = nextLastUsed;
        seen = stamp();
    }

    private byte[] serialise(List<ConnectionProfile> list, String last) throws JsonProcessingException {
        ObjectNode root = mapper.createObjectNode();
        root.put("version", VERSION);
        root.put("lastUsed", last);
        ArrayNode array = root.putArray("profiles");
        for (ConnectionProfile p : list) {
            ObjectNode node = array.addObject();
            node.put("name", p.name());
            node.put("host", p.host() == null ? null : p.host().url());
            node.put("organizationId", p.organizationId());
            node.put("sandbox", p.sandbox());
            if (p.siteUrl() != null) {
                node.put("siteUrl", p.siteUrl().url());
            }
            if (p.readOnly()) {
                node.put("readOnly", true);
            }
        }
        return mapper.writeValueAsBytes(root);
    }

    private void load() {
        try {
            loadFile();
        } catch (RuntimeException | StackOverflowError e) {
            // Whatever else goes wrong while reading (a parser limit, a bug), the app still starts.
            LOGGER.warn("Cannot load {}", file, e);
            profiles = List.of();
            lastUsed = null;
            setAside("it could not be read (" + e.getClass().getSimpleName() + ")", true);
        }
    }

    private void loadFile() {
        byte[] bytes;
        try {
            long size = Files.size(file);
            if (size > MAX_FILE_BYTES) {
                LOGGER.warn("{} is {} bytes, over the {} byte limit", file, size, MAX_FILE_BYTES);
                setAside("it is " + sizeText(size) + ", far more than saved connections take (at most "
                        + sizeText(MAX_FILE_BYTES) + ")", true);
                return;
            }
            bytes = readAtMost(file, MAX_FILE_BYTES);
        } catch (NoSuchFileException e) {
            return;
        } catch (IOException e) {
            LOGGER.warn("Cannot read {}", file, e);
            writable = false;
            loadProblem = new LoadProblem("The saved connections in " + file + " could not be read ("
                    + e.getClass().getSimpleName() + "). Check the file's permissions; it is left untouched.", Optional.empty());
            return;
        }
        if (bytes == null) {
            setAside("it grew past " + sizeText(MAX_FILE_BYTES) + " while it was read", true);
            return;
        }
        int start = byteOrderMarkLength(bytes);
        JsonNode root;
        try {
            root = mapper.readTree(new String(bytes, start, bytes.length - start, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            // Limit errors (nesting, string or number length) carry no location.
            JsonLocation where = e.getLocation();
            LOGGER.warn("{} is not valid JSON: {}", file, e.getOriginalMessage());
            setAside("it is not valid JSON" + (where == null || where.getLineNr() < 1 ? " (" + limitText(e) + ")"
                    : " (line " + where.getLineNr() + ")"), true);
            return;
        }
        if (root == null || !root.isObject() || !root.path("profiles").isArray()) {
            setAside("it does not hold a list of profiles", true);
            return;
        }
        if (writtenByANewerHoglink(root)) {
            return;
        }
        List<ConnectionProfile> loaded = new ArrayList<>();
        List<String> bad = new ArrayList<>();
        int index = 0;
        for (JsonNode node : root.path("profiles")) {
            index++;
            try {
                ConnectionProfile p = parseProfile(node);
                if (loaded.stream().anyMatch(q -> q.name().equalsIgnoreCase(p.name()))) {
                    throw new IllegalArgumentException("the name \"" + p.name() + "\" is used twice");
                }
                loaded.add(p);
            } catch (RuntimeException e) {
                LOGGER.warn("Skipping profile #{} in {}: {}", index, file, e.getMessage());
                bad.add("#" + index + ": " + e.getMessage());
            }
        }
        profiles = List.copyOf(loaded);
        JsonNode last = root.path("lastUsed");
        lastUsed = last.isTextual() ? last.asText() : null;
        if (!bad.isEmpty()) {
            setAside(bad.size() + (bad.size() == 1 ? " saved connection" : " saved connections")
                    + " could not be read (" + String.join("; ", bad) + ")", false);
        }
    }

    private static String limitText(JsonProcessingException e) {
        return e instanceof StreamConstraintsException ? "it is nested too deeply or holds an over-long value"
                : e.getClass().getSimpleName();
    }

    /** 3 when the bytes start with UTF-8's byte-order mark, else 0. */
    private static int byteOrderMarkLength(byte[] bytes) {
        return bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB
                && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
    }

    /** The file's bytes, or null when it holds more than {@code max} (it grew after its size was read). */
    private static byte[] readAtMost(Path path, long max) throws IOException {
        try (InputStream in = Files.newInputStream(path)) {
            byte[] bytes = in.readNBytes((int) max + 1);
            return bytes.length > max ? null : bytes;
        }
    }

    private static String sizeText(long bytes) {
        return bytes >= 1024 * 1024 ? (bytes / (1024 * 1024)) + " MB" : (bytes / 1024) + " KB";
    }

    private static ConnectionProfile parseProfile(JsonNode node) {
        if (!node.isObject()) {
            throw new IllegalArgumentException("not an object");
        }
        String name = node.path("name").isTextual() ? node.path("name").asText() : null;
        boolean sandbox = node.path("sandbox").asBoolean(false);
        JsonNode hostNode = node.path("host");
        PostHogHost host = hostNode.isTextual() ? PostHogHost.parse(hostNode.asText()) : null;
        JsonNode org = node.path("organizationId");
        JsonNode site = node.path("siteUrl");
        PostHogHost siteUrl = site.isTextual() && !site.asText().isBlank() ? PostHogHost.parse(site.asText()) : null;
        return new ConnectionProfile(name, host, org.isValueNode() && !org.isNull() ? org.asText() : null, sandbox,
                siteUrl, node.path("readOnly").asBoolean(false));
    }

    /** Keeps the original file beside the new one; {@code move} for a file that is wholly unreadable. */
    private void setAside(String what, boolean move) {
        String stamp = STAMP.format(clock.instant());
        Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp);
        for (int n = 1; Files.exists(aside); n++) {
            aside = file.resolveSibling(file.getFileName() + ".corrupt-" + stamp + "-" + n);
        }
        try {
            if (move) {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
            } else {
                Files.copy(file, aside, StandardCopyOption.COPY_ATTRIBUTES);
            }
            // The copy keeps the original's mode; it may hold host names and organization ids: owner-only.
            AtomicFiles.restrictToOwner(aside);
        } catch (IOException e) {
            LOGGER.warn("Cannot keep a copy of {} as {}", file, aside, e);
            writable = false;
            loadProblem = new LoadProblem("The saved connections could not be read: " + what
                    + ". The file could not be set aside either, so it is left untouched and changes are not saved.",
                    Optional.empty());
            return;
        }
        LOGGER.warn("Kept the damaged {} as {}", file.getFileName(), aside);
        loadProblem = new LoadProblem("The saved connections could not be read: " + what + ". The original file was kept as "
                + aside.getFileName() + (move ? " and Hoglink starts with no saved connections." : "; the others are loaded."),
                Optional.of(aside));
    }

    /**
     * Whether {@code root} was written by a newer Hoglink's format; if so, says so and stops this copy writing the
     * file, so that nothing the newer one keeps is written over.
     */
    private boolean writtenByANewerHoglink(JsonNode root) {
        int version = root.path("version").asInt(VERSION);
        if (version <= VERSION) {
            return false;
        }
        writable = false;
        loadProblem = new LoadProblem("The saved connections were written by a newer Hoglink (format " + version
                + "). Update Hoglink; until then changes to connections are not saved.", Optional.empty());
        return true;
    }
}
