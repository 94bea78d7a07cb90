package dev.hoglink.util;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
    /**
     * What may sit between the characters of an echoed secret: spaces, encoded spaces, invisible characters, and
     * the control and bidirectional characters {@link PrintableText} removes (which would join the secret back).
     */
    private static final String GAP =
            "(?:[\\s\\u00A0\\u200B-\\u200F\\u2060\\uFEFF\\p{Cntrl}\\u0080-\\u009F\\u061C\\u202A-\\u202E\\u2066-\\u2069]|%20|\\+)*";
    private static final Map<String, Pattern> KNOWN = new ConcurrentHashMap<>();
    /** Indexed secrets by the first {@link #HEAD} characters of their squashed form. */
    private static final Map<String, CopyOnWriteArrayList<String>> BY_HEAD = new ConcurrentHashMap<>();
    /** Secrets not indexed (short, not ASCII, or holding '%'): checked against every text. */
    private static final Set<String> ALWAYS = ConcurrentHashMap.newKeySet();
    private static final int HEAD = 8;

    private Redactor() {
    }

    /** Remembers an exact secret so that it is masked wherever it appears, whatever its shape. */
    public static void register(String secret) {
        if (secret != null && secret.length() >= 8) {
            KNOWN.computeIfAbsent(secret, Redactor::echoPattern);
            String sq = squash(secret);
            if (isAscii(secret) && secret.indexOf('%') < 0 && sq.length() >= HEAD) {
                BY_HEAD.computeIfAbsent(sq.substring(0, HEAD), k -> new CopyOnWriteArrayList<>()).addIfAbsent(secret);
            } else {
                ALWAYS.add(secret);
            }
        }
    }

    /**
     * The secrets a text may hold, found in one pass over its squashed form: an echo of an indexed secret, in any
     * of its forms, squashes to a text holding the secret's squashed head. So the cost per text does not grow with
     * the number of secrets known (a long session, or a test suite, registers thousands).
     */
    private static Set<String> candidates(String text) {
        Set<String> found = new LinkedHashSet<>(ALWAYS);
        if (!BY_HEAD.isEmpty()) {
            String sq = squash(text);
            for (int i = 0; i + HEAD <= sq.length(); i++) {
                List<String> l = BY_HEAD.get(sq.substring(i, i + HEAD));
                if (l != null) {
                    found.addAll(l);
                }
            }
        }
        return found;
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
        String squashed = null;
        for (String secret : candidates(text)) {
            Pattern echo = KNOWN.get(secret);
            if (out.contains(secret)) {
                out = out.replace(secret, MASK);
            }
            // The echo pattern costs a scan per secret; a cheap look at the text with gaps, escapes and case
            // removed first tells whether it can match at all (many keys are registered over a long run).
            if (isAscii(secret)) {
                if (squashed == null) {
                    squashed = squash(out);
                }
                if (!squashed.contains(squash(secret))) { // the secret squashed too: a '+' in it is a gap
                    continue;
                }
            }
            Matcher m = echo.matcher(out);
            if (m.find()) {
                out = m.replaceAll(MASK);
                squashed = null;
            }
        }
        return SHAPED.matcher(out).replaceAll(MASK);
    }

    /** The text lower-cased, ASCII percent-escapes decoded, and the gap characters of {@link #GAP} removed. */
    static String squash(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length() && hex(text.charAt(i + 1)) >= 0 && hex(text.charAt(i + 2)) >= 0) {
                int b = hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2));
                if (b < 0x80) {
                    c = (char) b;
                    i += 2;
                }
            }
            if (c == '+' || Character.isWhitespace(c) || c == '\u00A0' || (c >= '\u200B' && c <= '\u200F')
                    || c == '\u2060' || c == '\uFEFF' || PrintableText.unsafe(c)) {
                continue;
            }
            sb.append(Character.toLowerCase(c));
        }
        return sb.toString();
    }

    private static int hex(char c) {
        return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
    }

    private static boolean isAscii(String s) {
        return s.chars().allMatch(c -> c < 0x80);
    }
}
