package dev.hoglink.service;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.io.SerializedString;
import dev.hoglink.util.PrintableText;

/**
 * JSON's own escapes, plus {@code \\uXXXX} for DEL, C1 controls and bidirectional formatting characters, for
 * every JSON file Hoglink may print on a terminal (the audit, link plans and results): what a server named a
 * project cannot reorder or hide what a reader sees, and a JSON reader still gets the name back unchanged.
 */
public final class TerminalSafeJson extends CharacterEscapes {

    private static final long serialVersionUID = 1L;
    public static final TerminalSafeJson ESCAPES = new TerminalSafeJson();
    private final int[] ascii;

    private TerminalSafeJson() {
        ascii = standardAsciiEscapesForJSON();
        ascii[0x7F] = ESCAPE_STANDARD;
    }

    @Override
    public int[] getEscapeCodesForAscii() {
        return ascii;
    }

    @Override
    public SerializableString getEscapeSequence(int ch) {
        return PrintableText.unsafe(ch) ? new SerializedString(String.format("\\u%04x", ch)) : null;
    }
}
