package dev.hoglink.util;

/**
 * Makes text that came from a server safe to print: no control characters (C0, DEL, C1: a carriage return
 * or an ANSI escape could forge or hide lines on a terminal) and no bidirectional formatting characters
 * (which reorder what a reader sees, "Trojan Source"). Secrets are redacted after the cleaning, since removing
 * the characters a server put between a key's characters (a bell, a bidirectional override) joins the key back
 * together.
 */
public final class PrintableText {

    private PrintableText() {
    }

    /** One line for a terminal or a log: line breaks and tabs become spaces, other unsafe characters go. */
    public static String oneLine(String text) {
        return Redactor.redact(clean(text, false));
    }

    /** A value that may span lines (a CSV cell): line breaks and tabs stay, other unsafe characters go. */
    public static String multiLine(String text) {
        return Redactor.redact(clean(text, true));
    }

    /** True for a control or bidirectional formatting character. */
    public static boolean unsafe(int c) {
        return c < 0x20 || (c >= 0x7F && c <= 0x9F) || bidi(c);
    }

    /** The Unicode bidirectional formatting characters (marks, embeddings, overrides, isolates). */
    public static boolean bidi(int c) {
        return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069);
    }

    private static String clean(String text, boolean keepLines) {
        if (text == null || text.isEmpty()) {
            return text == null ? "" : text;
        }
        StringBuilder out = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (!unsafe(c)) {
                if (out != null) {
                    out.append(c);
                }
                continue;
            }
            if (out == null) {
                out = new StringBuilder(text.length()).append(text, 0, i);
            }
            if (c == '\n' || c == '\r' || c == '\t') {
                out.append(keepLines ? c : ' ');
            }
        }
        return out == null ? text : out.toString();
    }
}
