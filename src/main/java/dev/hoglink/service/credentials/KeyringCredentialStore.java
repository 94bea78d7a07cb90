package dev.hoglink.service.credentials;

import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.credentials.CredentialStoreException.Reason;
import dev.hoglink.util.Redactor;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps personal API keys in the OS keyring: Secret Service on Linux, Keychain on macOS, Credential Manager
 * on Windows. Every keyring call, opening the keyring included, runs on one small daemon thread and is
 * abandoned after a timeout (3 s by default, as gh does), so a hung or missing keyring yields a typed
 * {@link CredentialStoreException} ("No system keyring is available: …") instead of freezing the caller.
 * When the keyring cannot be used nothing is saved anywhere else; the UI offers {@link SessionCredentialStore}.
 */
public final class KeyringCredentialStore implements CredentialStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(KeyringCredentialStore.class);

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
    /** Keyring entries are named {@code hoglink/<profile name>}. */
    static final String TARGET_PREFIX = "hoglink/";
    static final String UNAVAILABLE_PREFIX = "No system keyring is available: ";
    private static final AtomicInteger THREADS = new AtomicInteger();

    /** The raw keyring. Implementations may block or throw anything; this class bounds both. */
    public interface Backend {
        /** The secret stored under this name, or null. */
        String get(String target) throws Exception;

        void put(String target, String secret) throws Exception;

        /** Removes the entry; returns false when there was none. */
        boolean remove(String target) throws Exception;
    }

    /** Opening the keyring failed in a way the user should be told about. */
    public static final class KeyringUnavailableException extends Exception {
        public KeyringUnavailableException(String message) {
            super(message);
        }
    }

    /** Opens the backend; throws {@link KeyringUnavailableException} (or anything) when there is no keyring. */
    @FunctionalInterface
    public interface BackendOpener {
        Backend open() throws Exception;
    }

    private final BackendOpener opener;
    private final Duration timeout;
    private final ExecutorService executor;
    private Backend backend; // touched only on the executor thread

    /**
     * The store over this computer's keyring, with the default 3 s timeout. A lambda, not a method reference: the
     * keyring library (a signed jar, whose signature the JVM checks when the first of its classes loads) then
     * loads on the first keyring call, off the FX thread, instead of while the window is being built.
     */
    public static KeyringCredentialStore system() {
        return new KeyringCredentialStore(() -> OsKeyringBackend.open(), DEFAULT_TIMEOUT);
    }

    public KeyringCredentialStore(BackendOpener opener, Duration timeout) {
        this.opener = Objects.requireNonNull(opener);
        this.timeout = Objects.requireNonNull(timeout);
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "keyring-" + THREADS.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Convenience for tests and wiring: a backend that is already open. */
    public static KeyringCredentialStore over(Backend backend, Duration timeout) {
        Objects.requireNonNull(backend);
        return new KeyringCredentialStore(() -> backend, timeout);
    }

    @Override
    public Optional<String> read(String profileName) throws CredentialStoreException {
        String target = target(profileName);
        String key = call("read the key for " + profileName, b -> b.get(target));
        if (key == null || key.isEmpty()) {
            return Optional.empty();
        }
        Redactor.register(key);
        return Optional.of(key);
    }

    @Override
    public void write(String profileName, String key) throws CredentialStoreException {
        String target = target(profileName);
        requireKey(key);
        Redactor.register(key);
        call("save the key for " + profileName, b -> {
            b.put(target, key);
            return null;
        });
    }

    @Override
    public void delete(String profileName) throws CredentialStoreException {
        String target = target(profileName);
        call("delete the key for " + profileName, b -> b.remove(target));
    }

    @Override
    public Availability availability() {
        try {
            call("open the keyring", b -> null);
            return Availability.ok("Keys are saved in " + description() + ".");
        } catch (CredentialStoreException e) {
            return Availability.unavailable(e.getMessage());
        }
    }

    @Override
    public String description() {
        return OsKeyringBackend.keyringName();
    }

    /** Stops the keyring thread; a call in progress is abandoned. */
    public void shutdown() {
        executor.shutdownNow();
    }

    static void requireKey(String key) {
        if (key == null || key.isBlank()) {
            throw new IllegalArgumentException("Enter a personal API key.");
        }
        if (!key.equals(key.strip()) || key.chars().anyMatch(Character::isISOControl)) {
            throw new IllegalArgumentException("The key contains spaces or line breaks; paste only the key itself.");
        }
    }

    private static String target(String profileName) {
        return TARGET_PREFIX + ConnectionProfile.requireValidName(profileName);
    }

    @FunctionalInterface
    private interface BackendCall<T> {
        T apply(Backend backend) throws Exception;
    }

    private <T> T call(String what, BackendCall<T> work) throws CredentialStoreException {
        Callable<T> task = () -> work.apply(openedBackend());
        Future<T> future;
        try {
            future = executor.submit(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            throw new CredentialStoreException(Reason.UNAVAILABLE, UNAVAILABLE_PREFIX + "the keyring store was closed.");
        }
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            LOGGER.warn("The keyring did not answer within {} ms while trying to {}", timeout.toMillis(), what);
            throw new CredentialStoreException(Reason.TIMED_OUT, UNAVAILABLE_PREFIX + "the keyring did not answer within "
                    + seconds(timeout) + ". It may be locked or waiting for a password prompt.");
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new CredentialStoreException(Reason.FAILED, "Interrupted while waiting for the keyring.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof KeyringUnavailableException u) {
                LOGGER.info("No keyring: {}", u.getMessage());
                throw new CredentialStoreException(Reason.UNAVAILABLE, UNAVAILABLE_PREFIX + u.getMessage(), u);
            }
            if (cause instanceof LinkageError || cause instanceof BackendOpenFailure) {
                Throwable root = cause instanceof BackendOpenFailure ? cause.getCause() : cause;
                LOGGER.warn("The keyring could not be opened", root);
                throw new CredentialStoreException(Reason.UNAVAILABLE,
                        UNAVAILABLE_PREFIX + "it could not be opened (" + root.getClass().getSimpleName() + ").", root);
            }
            LOGGER.warn("The keyring refused to {}", what, cause);
            throw new CredentialStoreException(Reason.FAILED,
                    "The system keyring could not " + what + ": " + safeMessage(cause) + ".", cause);
        }
    }

    private Backend openedBackend() throws Exception {
        if (backend == null) {
            Backend opened;
            try {
                opened = opener.open();
            } catch (KeyringUnavailableException e) {
                throw e;
            } catch (Exception | LinkageError e) {
                throw new BackendOpenFailure(e);
            }
            if (opened == null) {
                throw new KeyringUnavailableException("none was found.");
            }
            backend = opened;
        }
        return backend;
    }

    private static final class BackendOpenFailure extends Exception {
        BackendOpenFailure(Throwable cause) {
            super(cause);
        }
    }

    private static String safeMessage(Throwable t) {
        String m = t.getMessage();
        String text = m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
        text = Redactor.redact(text.strip());
        if (text.endsWith(".")) {
            text = text.substring(0, text.length() - 1);
        }
        return text.length() > 200 ? text.substring(0, 197) + "…" : text;
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? (ms / 1000) + " s" : ms + " ms";
    }

    @Override
    public String toString() {
        return "KeyringCredentialStore[timeout=" + timeout.toMillis() + "ms]";
    }
}
