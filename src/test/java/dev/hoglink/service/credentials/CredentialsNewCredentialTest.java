package dev.hoglink.service.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A profile given a new key or sign-in is announced to every listener (the inventory cache forgets whose it was),
 * and a listener's failure is not the caller's: the key is saved all the same.
 */
class CredentialsNewCredentialTest {

    @Test
    void everyListenerHearsOfANewCredentialAndAFailingOneStopsNothing() throws Exception {
        Credentials credentials = new Credentials(new SessionCredentialStore());
        List<String> heard = new ArrayList<>();
        credentials.onNewCredential(name -> {
            throw new IllegalStateException("a listener that fails");
        });
        credentials.onNewCredential(heard::add);

        credentials.saveInKeyring("Prod", "phx_new_key_0123456789");
        credentials.newCredential("Prod");

        assertEquals(List.of("Prod"), heard);
        assertEquals("phx_new_key_0123456789", credentials.read("Prod").orElseThrow());
    }

    @Test
    void savingOrRenewingAKeyAloneAnnouncesNothing() throws Exception {
        Credentials credentials = new Credentials(new SessionCredentialStore());
        List<String> heard = new ArrayList<>();
        credentials.onNewCredential(heard::add);
        credentials.saveInKeyring("signin@Prod", "a rotated refresh token");
        credentials.keepForSession("signin@Prod", "another rotation");
        assertEquals(List.of(), heard, "a renewal is the same user: the cache keeps whose it is");
    }
}
