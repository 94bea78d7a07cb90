package dev.hoglink.util;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a log, an exception or a dialog. It masks anything shaped like
 * a PostHog personal key ({@code phx_…}) or a bearer credential, and every exact secret value registered
 * with {@link #register(String)} (keys that do not follow the usual shape).
 */
public final class Redactor {

    public static final String MASK = "[redacted]";
    private static final Pattern SHAPED = Pattern.compile(
            "(?i)(phx_[A-Za-z0-9_\\-]{4,}|pha_[A-Za-z0-9_\\-]{4,}|bearer\\s+[A-Za-z0-9_\\-\\.=]{4,})");
    private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

    private Redactor() {
    }

    /** Remembers an exact secret so that it is masked wherever it appears, whatever its shape. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 8) {
            KNOWN.add(secret);
        }
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : KNOWN) {
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
        }
        return SHAPED.matcher(out).replaceAll(MASK);
    }
}
