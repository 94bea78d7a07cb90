package dev.hoglink.ui.common;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens a page in the system browser and knows whether that worked. JavaFX's HostServices reports nothing
 * (on Linux it prints a stack trace holding the address to stderr and returns), so Hoglink runs the
 * platform's opener itself and reads its exit status: the commands in {@code $BROWSER} first, then
 * {@code xdg-open} and the usual Debian/desktop fallbacks on Linux and BSD, {@code open} on macOS,
 * {@code rundll32 url.dll,FileProtocolHandler} on Windows. A command that is not on the PATH is skipped; one
 * that ends with a non-zero status is a failure and the next is tried; one still running after
 * {@link #SETTLE} is a browser in the foreground and counts as opened. Only an unknown system falls back to
 * HostServices, and then the launch is {@link Opened#HANDED_OFF}, not confirmed.
 *
 * <p>Only http and https pages are opened. The address is passed as one argument, never through a shell,
 * and never reaches a log or an exception: the openers' output is discarded because xdg-open repeats the
 * address in its errors. Blocking (up to {@link #SETTLE} per command): call it off the UI thread.
 */
public final class SystemBrowser implements BrowserLauncher {

    private static final Logger LOGGER = LoggerFactory.getLogger(SystemBrowser.class);

    /** How long an opener may run before it counts as a browser that started in the foreground. */
    public static final Duration SETTLE = Duration.ofSeconds(3);
    /** Tried after {@code $BROWSER} on Linux and the BSDs, in this order. */
    static final List<String> UNIX_OPENERS = List.of("xdg-open", "gio", "x-www-browser", "sensible-browser",
            "firefox", "google-chrome", "chromium", "chromium-browser");

    /** Starts a command; tests replace it. */
    @FunctionalInterface
    interface Starter {
        Process start(List<String> command) throws IOException;
    }

    private final String os;
    private final Map<String, String> env;
    private final Starter starter;
    private final Consumer<URI> fallback;
    private final Duration settle;

    SystemBrowser(String os, Map<String, String> env, Starter starter, Consumer<URI> fallback, Duration settle) {
        this.os = Objects.requireNonNull(os).toLowerCase(Locale.ROOT);
        this.env = Map.copyOf(env);
        this.starter = Objects.requireNonNull(starter);
        this.fallback = fallback;
        this.settle = Objects.requireNonNull(settle);
    }

    /** This machine's system, PATH and BROWSER; {@code fallback} (HostServices) serves an unknown system. */
    public static SystemBrowser forThisMachine(Consumer<URI> fallback) {
        return new SystemBrowser(System.getProperty("os.name", ""), System.getenv(), SystemBrowser::startQuietly,
                fallback, SETTLE);
    }

    /** A browser that sees only the given environment (PATH, BROWSER); used to try "no browser" for real. */
    public static SystemBrowser withEnvironment(Map<String, String> env) {
        return new SystemBrowser(System.getProperty("os.name", ""), env, SystemBrowser::startQuietly, null, SETTLE);
    }

    private static Process startQuietly(List<String> command) throws IOException {
        return new ProcessBuilder(command)
                .redirectInput(ProcessBuilder.Redirect.from(new File(File.separatorChar == '\\' ? "NUL" : "/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    @Override
    public void open(URI page) {
        launch(page);
    }

    @Override
    public Opened launch(URI page) {
        String scheme = page.getScheme() == null ? "" : page.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new LaunchFailedException("only web pages (https) are opened, not a " + (scheme.isEmpty() ? "relative"
                    : scheme + ":") + " address.");
        }
        List<List<String>> commands = commands(page.toString());
        if (commands.isEmpty() && fallback != null && !isUnixLike() && !isMac() && !isWindows()) {
            fallback.accept(page);
            LOGGER.info("Handed a page to the platform's browser service, which reports no result");
            return Opened.HANDED_OFF;
        }
        List<String> tried = new ArrayList<>();
        for (List<String> command : commands) {
            String name = Path.of(command.get(0)).getFileName().toString();
            Optional<String> failure = run(command);
            if (failure.isEmpty()) {
                LOGGER.info("Opened a page with {}", name);
                return Opened.CONFIRMED;
            }
            tried.add(name + " " + failure.get());
            LOGGER.info("{} did not open the page: {}", name, failure.get());
        }
        if (tried.isEmpty()) {
            throw new LaunchFailedException(noOpener());
        }
        throw new LaunchFailedException("tried " + String.join("; ", tried) + ".");
    }

    /** Empty when the command started a browser, else why not (without the address). */
    private Optional<String> run(List<String> command) {
        Process p;
        try {
            p = starter.start(command);
        } catch (IOException e) {
            return Optional.of("could not be started");
        }
        try {
            if (!p.waitFor(settle.toMillis(), TimeUnit.MILLISECONDS)) {
                return Optional.empty(); // a browser running in the foreground
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("was interrupted");
        }
        int status = p.exitValue();
        if (status == 0) {
            return Optional.empty();
        }
        return Optional.of("ended with exit status " + status + meaning(command.get(0), status));
    }

    /** xdg-open's documented exit codes (xdg-utils' xdg-open(1)). */
    private static String meaning(String command, int status) {
        if (!command.endsWith("xdg-open")) {
            return "";
        }
        return switch (status) {
            case 3 -> " (no program for web pages is set up)";
            case 4 -> " (the program for web pages failed)";
            default -> "";
        };
    }

    private String noOpener() {
        if (isMac()) {
            return "the 'open' command is not available.";
        }
        if (isWindows()) {
            return "rundll32 is not available.";
        }
        return "no browser was found: BROWSER is not set and none of " + String.join(", ", UNIX_OPENERS)
                + " is on the PATH.";
    }

    /** The commands to try, in order, each ending with the address; only those found on the PATH. */
    List<List<String>> commands(String url) {
        List<List<String>> out = new ArrayList<>();
        String browserVar = env.getOrDefault("BROWSER", "").strip();
        if (!browserVar.isEmpty()) {
            for (String entry : browserVar.split(File.pathSeparator)) {
                List<String> words = new ArrayList<>(List.of(entry.strip().split("\\s+")));
                if (words.get(0).isEmpty()) {
                    continue;
                }
                boolean placed = false;
                for (int i = 0; i < words.size(); i++) {
                    if (words.get(i).contains("%s")) {
                        words.set(i, words.get(i).replace("%s", url));
                        placed = true;
                    }
                }
                if (!placed) {
                    words.add(url);
                }
                find(words.get(0)).ifPresent(exe -> {
                    words.set(0, exe);
                    out.add(words);
                });
            }
        }
        if (isMac()) {
            find("open").ifPresent(exe -> out.add(List.of(exe, url)));
        } else if (isWindows()) {
            find("rundll32").ifPresent(exe -> out.add(List.of(exe, "url.dll,FileProtocolHandler", url)));
        } else if (isUnixLike()) {
            for (String name : UNIX_OPENERS) {
                find(name).ifPresent(exe -> out.add(name.equals("gio") ? List.of(exe, "open", url) : List.of(exe, url)));
            }
        }
        return out;
    }

    /** The executable's full path when {@code name} (a name or a path) is on the PATH or is a file. */
    Optional<String> find(String name) {
        if (name.contains("/") || name.contains("\\")) {
            return Files.isExecutable(Path.of(name)) ? Optional.of(name) : Optional.empty();
        }
        String path = env.getOrDefault("PATH", env.getOrDefault("Path", ""));
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            for (String candidate : isWindows() ? List.of(name + ".exe", name) : List.of(name)) {
                Path p = Path.of(dir, candidate);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return Optional.of(p.toString());
                }
            }
        }
        return Optional.empty();
    }

    private boolean isMac() {
        return os.contains("mac") || os.contains("darwin");
    }

    private boolean isWindows() {
        return os.contains("win");
    }

    private boolean isUnixLike() {
        return os.contains("linux") || os.contains("bsd") || os.contains("sunos") || os.contains("nux");
    }
}
