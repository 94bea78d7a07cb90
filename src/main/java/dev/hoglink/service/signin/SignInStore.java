package dev.hoglink.service.signin;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.AtomicFiles;
import dev.hoglink.util.FileUpdateLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code signin.json} beside profiles.json: for each PostHog host, the client id Hoglink registered there
 * (dynamic registration, once per host: a client id belongs to one region or server, posthog/api/oauth/views.py
 * {@code unknown_client_id_description}); and which connection profiles are signed in (rather than using a
 * personal key). No token is ever written here: the refresh token lives in the OS keyring, the access token in
 * memory. Written atomically and owner-only; a damaged file is set aside and Hoglink registers again.
 */
public final class SignInStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(SignInStore.class);
    public static final String FILE_NAME = "signin.json";

    private final Path file;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();
    private ObjectNode root;

    public SignInStore(Path file, Clock clock) {
        this.file = file;
        this.clock = clock;
    }

    public static SignInStore open(AppDirs dirs) {
        return new SignInStore(dirs.configPath().resolve(FILE_NAME), Clock.systemUTC());
    }

    private ObjectNode root() {
        if (root == null) {
            root = mapper.createObjectNode();
            if (Files.exists(file)) {
                try {
                    if (mapper.readTree(file.toFile()) instanceof ObjectNode o) {
                        root = o;
                    }
                } catch (IOException e) {
                    LOGGER.warn("{} could not be read ({}); Hoglink will register again", file, e.getClass().getSimpleName());
                }
            }
        }
        return root;
    }

    /** The client id registered at {@code hostUrl}, if any. */
    public synchronized Optional<String> clientId(String hostUrl) {
        String id = root().path("clients").path(hostUrl).path("client_id").asText("");
        return id.isEmpty() ? Optional.empty() : Optional.of(id);
    }

    public synchronized void rememberClient(String hostUrl, String clientId) throws IOException {
        change(() -> {
            ObjectNode c = root().with("clients").putObject(hostUrl);
            c.put("client_id", clientId);
            c.put("registered_at", clock.instant().toString());
        });
    }

    public synchronized void forgetClient(String hostUrl) throws IOException {
        change(() -> root().with("clients").remove(hostUrl));
    }

    /** Records that {@code profile} signs in with PostHog at {@code hostUrl}. */
    public synchronized void markSignedIn(String profile, String hostUrl) throws IOException {
        change(() -> {
            ObjectNode p = root().with("profiles").putObject(profile);
            p.put("host", hostUrl);
            p.put("signed_in_at", clock.instant().toString());
        });
    }

    /** Whether {@code profile} uses "Sign in with PostHog" (and on which host). */
    public synchronized Optional<String> signedInHost(String profile) {
        String h = root().path("profiles").path(profile).path("host").asText("");
        return h.isEmpty() ? Optional.empty() : Optional.of(h);
    }

    public synchronized void forgetProfile(String profile) throws IOException {
        change(() -> root().with("profiles").remove(profile));
    }

    /**
     * Makes one change to the file as it is now, holding its update lock: another running Hoglink (a second
     * window, {@code hoglink login}) may have registered a client or signed a connection in since this one read
     * the file, and writing this copy's older content would drop that.
     */
    private void change(Runnable edit) throws IOException {
        FileUpdateLock.holding(file, () -> {
            root = null; // read it again
            edit.run();
            save();
            return null;
        });
    }

    private void save() throws IOException {
        Files.createDirectories(file.getParent());
        AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }
}
