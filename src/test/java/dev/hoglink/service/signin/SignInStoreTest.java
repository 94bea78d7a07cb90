package dev.hoglink.service.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignInStoreTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-07T11:00:00Z"), ZoneOffset.UTC);

    @TempDir
    Path dir;

    private SignInStore store() {
        return new SignInStore(dir.resolve(SignInStore.FILE_NAME), CLOCK);
    }

    @Test
    void twoRunningCopiesKeepEachOthersClientsAndSignIns() throws Exception {
        SignInStore window = store();
        window.rememberClient("https://us.posthog.com", "client-us");
        SignInStore login = store(); // `hoglink login` while the window is open
        assertEquals(Optional.of("client-us"), login.clientId("https://us.posthog.com"));

        login.rememberClient("https://eu.posthog.com", "client-eu");
        login.markSignedIn("Prod EU", "https://eu.posthog.com");
        window.markSignedIn("Prod US", "https://us.posthog.com");

        SignInStore reopened = store();
        assertEquals(Optional.of("client-us"), reopened.clientId("https://us.posthog.com"));
        assertEquals(Optional.of("client-eu"), reopened.clientId("https://eu.posthog.com"));
        assertEquals(Optional.of("https://eu.posthog.com"), reopened.signedInHost("Prod EU"));
        assertEquals(Optional.of("https://us.posthog.com"), reopened.signedInHost("Prod US"));

        login.forgetProfile("Prod US");
        window.forgetClient("https://eu.posthog.com");
        SignInStore after = store();
        assertEquals(Optional.empty(), after.signedInHost("Prod US"));
        assertEquals(Optional.of("https://eu.posthog.com"), after.signedInHost("Prod EU"));
        assertEquals(Optional.empty(), after.clientId("https://eu.posthog.com"));
        assertEquals(Optional.of("client-us"), after.clientId("https://us.posthog.com"));
    }
}
