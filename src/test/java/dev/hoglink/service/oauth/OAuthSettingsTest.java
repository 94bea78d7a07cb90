package dev.hoglink.service.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthSettingsTest {

    @TempDir
    Path dir;

    @Test
    void enterpriseHostsAreSavedLowerCaseAndReadBack() throws Exception {
        OAuthSettings settings = new OAuthSettings(dir.resolve(OAuthSettings.FILE_NAME));
        assertEquals(Set.of(), settings.enterpriseHosts(), "no file: only github.com is trusted");
        settings.setEnterpriseHosts(Set.of("GHE.acme.io", " github.example.org ", "github.com"));
        assertEquals(Set.of("ghe.acme.io", "github.example.org"), settings.enterpriseHosts());
    }

    @Test
    void anythingButAPlainHostNameIsRefusedWithWhatToEnter() {
        OAuthSettings settings = new OAuthSettings(dir.resolve(OAuthSettings.FILE_NAME));
        for (String bad : new String[] {"https://ghe.acme.io", "ghe.acme.io/login", "ghe.acme.io:8443", "*.acme.io", "localhost"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> settings.setEnterpriseHosts(Set.of(bad)), bad);
            assertTrue(e.getMessage().contains("without https:// or a path"), e.getMessage());
        }
    }

    @Test
    void aHandEditedFileWithABadHostTrustsNothingExtra() throws Exception {
        Path file = dir.resolve(OAuthSettings.FILE_NAME);
        Files.writeString(file, "github.enterprise.hosts=ghe.acme.io, https://evil.test/\n");
        assertEquals(Set.of(), new OAuthSettings(file).enterpriseHosts());
        Files.writeString(file, "github.enterprise.hosts=ghe.acme.io, ghe2.acme.io\n");
        assertEquals(Set.of("ghe.acme.io", "ghe2.acme.io"), new OAuthSettings(file).enterpriseHosts());
    }
}
