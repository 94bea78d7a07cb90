package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hoglink.util.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the world behind one lock. With a state file, the world is loaded from it at start and written back
 * atomically (temp file, fsync, rename) after every change, so a killed sandbox leaves the old file or the
 * new one, never a torn one.
 */
final class SandboxState {

    private static final Logger LOGGER = LoggerFactory.getLogger(SandboxState.class);

    static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);

    private final World world;
    private final Path file;

    private SandboxState(World world, Path file) {
        this.world = world;
        this.file = file;
    }

    /** Loads the world from {@code file} when it exists, else seeds it (and writes the file when given). */
    static SandboxState open(Path file, int extraProjects) throws IOException {
        if (file != null) {
            removeLeftoverTempFiles(file);
        }
        if (file != null && Files.exists(file)) {
            World w;
            try {
                w = MAPPER.readValue(file.toFile(), World.class);
            } catch (IOException e) {
                throw new IOException("The sandbox state file " + file + " is not readable sandbox JSON ("
                        + e.getClass().getSimpleName() + "); move it away to start from the seeded world", e);
            }
            if (w.version < 2) {
                SeedWorld.markGoneInstallations(w); // saved before rows carried PostHog's mark
                w.version = 2;
            }
            if (w.version < 3) {
                w.adoptLegacyRestrictions(); // saved when a project was "restricted" to listed users
                w.version = 3;
            }
            LOGGER.debug("Loaded sandbox state from {}", file);
            return new SandboxState(w, file);
        }
        SandboxState s = new SandboxState(SeedWorld.build(extraProjects), file);
        if (file != null) {
            synchronized (s) {
                s.save();
            }
        }
        return s;
    }

    /**
     * Deletes the temp files a sandbox killed mid-save leaves beside the state file ({@code .<name>.<digits>.tmp},
     * as {@link AtomicFiles} names them); the state file itself is whole either way. Nothing else is touched.
     */
    static int removeLeftoverTempFiles(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        if (dir == null || !Files.isDirectory(dir)) {
            return 0;
        }
        Pattern ours = Pattern.compile("\\." + Pattern.quote(file.getFileName().toString()) + "\\.\\d+\\.tmp");
        int removed = 0;
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            for (Path p : entries) {
                if (ours.matcher(p.getFileName().toString()).matches()
                        && Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.deleteIfExists(p)) {
                    removed++;
                }
            }
        }
        if (removed > 0) {
            LOGGER.info("Removed {} temporary file(s) left beside {} by an earlier sandbox", removed, file.getFileName());
        }
        return removed;
    }

    /** Reads under the lock; nothing is saved. */
    synchronized <T> T read(Function<World, T> f) {
        return f.apply(world);
    }

    /** Changes under the lock and saves afterwards, also when the change ends in an API error. */
    synchronized <T> T write(Function<World, T> f) {
        try {
            return f.apply(world);
        } finally {
            save();
        }
    }

    byte[] snapshot() {
        synchronized (this) {
            try {
                return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(world);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private void save() {
        if (file == null) {
            return;
        }
        try {
            AtomicFiles.write(file, MAPPER.writeValueAsBytes(world));
        } catch (IOException e) {
            LOGGER.warn("Could not save the sandbox state to {}", file, e);
        }
    }
}
