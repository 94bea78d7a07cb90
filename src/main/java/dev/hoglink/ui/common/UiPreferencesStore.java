package dev.hoglink.ui.common;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.hoglink.util.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reads and writes {@link UiPreferences} as {@code ui.json} in the config folder. Never fails the app. */
public final class UiPreferencesStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(UiPreferencesStore.class);

    private final Path file;
    private final ObjectMapper mapper = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(SerializationFeature.INDENT_OUTPUT);

    public UiPreferencesStore(Path configFolder) {
        this.file = configFolder.resolve("ui.json");
    }

    /** The saved preferences, or defaults when there are none or they cannot be read. */
    public UiPreferences load() {
        try {
            return mapper.readValue(Files.readAllBytes(file), UiPreferences.class);
        } catch (NoSuchFileException e) {
            return new UiPreferences();
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot read {}; using default window settings", file, e);
            return new UiPreferences();
        }
    }

    public void save(UiPreferences prefs) {
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(prefs));
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot save window settings to {}", file, e);
        }
    }
}
