package dev.hoglink.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The system browser reads the opener's exit status and says what failed, never the address. */
class SystemBrowserTest {

    static final URI PAGE = URI.create("https://github.com/login/oauth/authorize?client_id=x&state=token%3DSECRET123");

    @TempDir
    Path bin;

    final List<List<String>> started = new ArrayList<>();

    Path script(String name, String body) throws IOException {
        Path p = bin.resolve(name);
        Files.writeString(p, "#!/bin/sh\n" + body + "\n");
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
        return p;
    }

    SystemBrowser linux(Map<String, String> env) {
        return new SystemBrowser("Linux", env, cmd -> {
            started.add(cmd);
            return new ProcessBuilder(cmd).start();
        }, null, Duration.ofSeconds(2));
    }

    @Test
    void noOpenerOnThePathFailsSayingWhatWasLookedFor() {
        BrowserLauncher.LaunchFailedException e = assertThrows(BrowserLauncher.LaunchFailedException.class,
                () -> linux(Map.of("PATH", bin.toString())).launch(PAGE));
        assertTrue(e.getMessage().startsWith("no browser was found: BROWSER is not set and none of xdg-open"), e.getMessage());
        assertFalse(e.getMessage().contains("SECRET123"));
        assertTrue(started.isEmpty());
    }

    @Test
    void anOpenerThatExitsNonZeroIsAFailureWithItsStatusAndTheNextIsTried() throws IOException {
        script("xdg-open", "exit 3");
        script("firefox", "exit 0");
        assertEquals(BrowserLauncher.Opened.CONFIRMED, linux(Map.of("PATH", bin.toString())).launch(PAGE));
        assertEquals(List.of("xdg-open", "firefox"), started.stream().map(c -> Path.of(c.get(0)).getFileName().toString()).toList());

        started.clear();
        Files.delete(bin.resolve("firefox"));
        BrowserLauncher.LaunchFailedException e = assertThrows(BrowserLauncher.LaunchFailedException.class,
                () -> linux(Map.of("PATH", bin.toString())).launch(PAGE));
        assertEquals("tried xdg-open ended with exit status 3 (no program for web pages is set up).", e.getMessage());
    }

    @Test
    void browserVariableComesFirstAndTakesPercentS() throws IOException {
        Path mine = script("my-browser", "exit 0");
        script("xdg-open", "exit 0");
        linux(Map.of("PATH", bin.toString(), "BROWSER", mine + " --new-tab %s")).launch(PAGE);
        assertEquals(List.of(List.of(mine.toString(), "--new-tab", PAGE.toString())), started);
    }

    @Test
    void aBrowserStillRunningAfterTheSettleTimeCountsAsOpened() throws IOException {
        script("firefox", "sleep 5");
        SystemBrowser b = new SystemBrowser("Linux", Map.of("PATH", bin.toString()), cmd -> new ProcessBuilder(cmd).start(),
                null, Duration.ofMillis(300));
        assertEquals(BrowserLauncher.Opened.CONFIRMED, b.launch(PAGE));
    }

    @Test
    void onlyWebPagesAreOpened() throws IOException {
        script("xdg-open", "exit 0");
        for (String bad : List.of("file:///etc/passwd", "javascript:alert(1)", "ssh://host")) {
            assertThrows(BrowserLauncher.LaunchFailedException.class,
                    () -> linux(Map.of("PATH", bin.toString())).launch(URI.create(bad)), bad);
        }
        assertTrue(started.isEmpty());
    }

    @Test
    void anUnknownSystemIsHandedToTheFallbackAndNotConfirmed() {
        List<URI> handed = new ArrayList<>();
        SystemBrowser b = new SystemBrowser("Plan9", Map.of(), cmd -> {
            throw new IOException("never");
        }, handed::add, Duration.ofSeconds(1));
        assertEquals(BrowserLauncher.Opened.HANDED_OFF, b.launch(PAGE));
        assertEquals(List.of(PAGE), handed);
    }
}
