package dev.hoglink.util;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Removes secrets from text that may reach a log, an exception, a dialog, a terminal or an export file. It
 * masks anything shaped like a PostHog personal key ({@code phx_…}, also with its underscore URL-encoded as
 * {@code %5F}) or a bearer credential, and every exact secret value registered with {@link #register(String)}
 * in the forms a server may echo it back: in any letter case, with any of its characters percent-encoded, and
 * with spaces (or invisible characters) between its characters.
 */
public final class Redactor {

    public static final String MASK = "[redacted]";
    private static final Pattern SHAPED = Pattern.compile(
            "(?i)((?:phx|pha)(?:_|%5f)[A-Za-z0-9_\\-]{4,}|bearer\\s+[A-Za-z0-9_\\-\\.=]{4,})");
    /** What may sit between the characters of an echoed secret: spaces, encoded spaces, invisible characters. */
    private static final String GAP = "(?:[\\s\\u00A0\\u200B-\\u200F\\u2060\\uFEFF]|%20|\\+)*";
    private static final Map<String, Pattern> KNOWN = new ConcurrentHashMap<>();

    private Redactor() {
    }

    /** Remembers an exact secret so that it is masked wherever it appears, whatever its shape. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 8) {
            KNOWN.computeIfAbsent(secret, Redactor::echoPattern);
        }
    }

    /** The secret, case-insensitive, each character literal or percent-encoded, with gaps between them. */
    static Pattern echoPattern(String secret) {
        StringBuilder re = new StringBuilder();
        secret.codePoints().forEach(cp -> {
            if (re.length() > 0) {
                re.append(GAP);
            }
            String ch = new String(Character.toChars(cp));
            StringBuilder encoded = new StringBuilder();
            for (byte b : ch.getBytes(StandardCharsets.UTF_8)) {
                encoded.append('%').append(String.format("%02x", b & 0xFF));
            }
            re.append("(?:").append(Pattern.quote(ch)).append('|').append(encoded).append(')');
        });
        return Pattern.compile(re.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    }

    public static String redact(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        String out = text;
        for (Map.Entry<String, Pattern> known : KNOWN.entrySet()) {
            if (out.contains(known.getKey())) {
                out = out.replace(known.getKey(), MASK);
            }
            Matcher m = known.getValue().matcher(out);
            if (m.find()) {
                out = m.replaceAll(MASK);
            }
        }
        return SHAPED.matcher(out).replaceAll(MASK);
    }
}
