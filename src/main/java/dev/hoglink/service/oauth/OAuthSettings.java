package dev.hoglink.service.oauth;

import dev.hoglink.util.AtomicFiles;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth wizard's one setting: the GitHub Enterprise host names an admin trusts as authorize pages besides
 * github.com. Stored as {@code github.enterprise.hosts=ghe.acme.io,github.example.org} in
 * {@code oauth.properties} in the config folder. Only exact host names: no scheme, path, port or wildcard.
 */
public final class OAuthSettings {

    private static final Logger LOGGER = LoggerFactory.getLogger(OAuthSettings.class);
    public static final String FILE_NAME = "oauth.properties";
    static final String KEY = "github.enterprise.hosts";

    private final Path file;

    public OAuthSettings(Path file) {
        this.file = file;
    }

    /** The configured hosts, lower case; empty when the file is missing or unreadable (logged). */
    public Set<String> enterpriseHosts() {
        try {
            Properties p = new Properties();
            p.load(new StringReader(Files.readString(file, StandardCharsets.UTF_8)));
            return parse(p.getProperty(KEY, ""));
        } catch (NoSuchFileException e) {
            return Set.of();
        } catch (IOException | IllegalArgumentException e) {
            LOGGER.warn("Cannot read {}; no GitHub Enterprise host is trusted", file, e);
            return Set.of();
        }
    }

    /**
     * Saves the hosts.
     *
     * @throws IllegalArgumentException with a message for the user when one is not a plain host name
     */
    public void setEnterpriseHosts(Set<String> hosts) throws IOException {
        Set<String> clean = parse(String.join(",", hosts));
        Properties p = new Properties();
        p.setProperty(KEY, String.join(",", clean));
        StringWriter w = new StringWriter();
        p.store(w, "Hoglink OAuth settings");
        AtomicFiles.write(file, w.toString().getBytes(StandardCharsets.UTF_8));
    }

    static Set<String> parse(String text) {
        Set<String> out = new LinkedHashSet<>();
        for (String raw : Arrays.stream(text.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toList())) {
            String h = raw.toLowerCase(Locale.ROOT);
            if (!h.matches("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)+")) {
                throw new IllegalArgumentException("\"" + raw + "\" is not a host name; enter names like ghe.example.com, without https:// or a path.");
            }
            if (h.equals(OAuthUrlValidator.GITHUB_HOST)) {
                continue; // always trusted
            }
            out.add(h);
        }
        return Set.copyOf(out);
    }
}
