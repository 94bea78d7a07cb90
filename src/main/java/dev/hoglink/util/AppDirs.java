package dev.hoglink.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Locale;
import java.util.Map;

/**
 * The user's folders for Hoglink: config (profiles, preferences), data (action journal, logs) and cache
 * (inventory snapshots). Follows each OS's convention; {@code -Dhoglink.home=DIR} puts all three under one
 * folder (tests and the screenshot script use it). Folders are created readable only by their owner.
 */
public final class AppDirs {

    private final Path config;
    private final Path data;
    private final Path cache;

    public AppDirs(Path config, Path data, Path cache) {
        this.config = config;
        this.data = data;
        this.cache = cache;
    }

    /** All three folders under one root: {@code root/config}, {@code root/data}, {@code root/cache}. */
    public static AppDirs under(Path root) {
        return new AppDirs(root.resolve("config"), root.resolve("data"), root.resolve("cache"));
    }

    public static AppDirs forCurrentUser() {
        String home = System.getProperty("hoglink.home");
        if (home != null && !home.isBlank()) {
            return under(Path.of(home));
        }
        return forPlatform(System.getProperty("os.name", ""), System.getenv(), Path.of(System.getProperty("user.home")));
    }

    static AppDirs forPlatform(String osName, Map<String, String> env, Path userHome) {
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            Path roaming = env.containsKey("APPDATA") ? Path.of(env.get("APPDATA")) : userHome.resolve("AppData/Roaming");
            Path local = env.containsKey("LOCALAPPDATA") ? Path.of(env.get("LOCALAPPDATA")) : userHome.resolve("AppData/Local");
            return new AppDirs(roaming.resolve("Hoglink"), local.resolve("Hoglink"), local.resolve("Hoglink/Cache"));
        }
        if (os.contains("mac")) {
            Path support = userHome.resolve("Library/Application Support/Hoglink");
            return new AppDirs(support, support, userHome.resolve("Library/Caches/Hoglink"));
        }
        return new AppDirs(
                xdg(env, "XDG_CONFIG_HOME", userHome.resolve(".config")).resolve("hoglink"),
                xdg(env, "XDG_DATA_HOME", userHome.resolve(".local/share")).resolve("hoglink"),
                xdg(env, "XDG_CACHE_HOME", userHome.resolve(".cache")).resolve("hoglink"));
    }

    private static Path xdg(Map<String, String> env, String name, Path fallback) {
        String v = env.get(name);
        return v == null || v.isBlank() || !Path.of(v).isAbsolute() ? fallback : Path.of(v);
    }

    /** The config folder's path, without creating it. */
    public Path configPath() {
        return config;
    }

    public Path dataPath() {
        return data;
    }

    public Path cachePath() {
        return cache;
    }

    public Path config() {
        return ensure(config);
    }

    public Path data() {
        return ensure(data);
    }

    public Path cache() {
        return ensure(cache);
    }

    /**
     * Creates the folder if missing, and each missing folder above it, owner-only (rwx------) where the file
     * system supports it, whatever the umask. Folders that already exist are left as they are.
     */
    public static Path ensure(Path dir) {
        try {
            if (Files.isDirectory(dir)) {
                return dir;
            }
            Path absolute = dir.toAbsolutePath();
            java.util.Deque<Path> missing = new java.util.ArrayDeque<>();
            for (Path p = absolute; p != null && !Files.isDirectory(p); p = p.getParent()) {
                missing.push(p);
            }
            for (Path p : missing) {
                try {
                    if (posix()) {
                        Files.createDirectory(p, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
                        // The attribute is filtered by the umask; set the mode again so it is exactly rwx------.
                        Files.setPosixFilePermissions(p, OWNER_ONLY);
                    } else {
                        Files.createDirectory(p);
                    }
                } catch (java.nio.file.FileAlreadyExistsException e) {
                    if (!Files.isDirectory(p)) {
                        throw e;
                    }
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create folder " + dir, e);
        }
    }

    private static final java.util.Set<java.nio.file.attribute.PosixFilePermission> OWNER_ONLY =
            PosixFilePermissions.fromString("rwx------");

    static boolean posix() {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
