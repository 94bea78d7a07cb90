package dev.hoglink.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every view's Alt mnemonics are unique within its FXML (one window): two controls with the same letter leave Alt
 * and that letter to whichever JavaFX finds first, so the other cannot be reached that way (the wizard's "_Next" and
 * "Create a _new link" were both Alt+N, and Alt+N did not move the wizard on).
 */
class MnemonicsTest {

    private static final Pattern TAG = Pattern.compile("<[A-Za-z][^<>]*>", Pattern.DOTALL);
    private static final Pattern TEXT = Pattern.compile("\\btext=\"([^\"]*)\"");

    @Test
    void noTwoControlsOfOneViewShareAMnemonic() throws IOException {
        List<String> clashes = new ArrayList<>();
        int views = 0;
        try (Stream<Path> files = Files.walk(Path.of("src/main/resources"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".fxml")).toList()) {
                views++;
                Map<Character, List<String>> byLetter = new LinkedHashMap<>();
                Matcher tag = TAG.matcher(Files.readString(f));
                while (tag.find()) {
                    String t = tag.group();
                    Matcher text = TEXT.matcher(t);
                    if (t.contains("mnemonicParsing=\"true\"") && text.find()) {
                        String label = text.group(1);
                        int at = label.indexOf('_');
                        if (at >= 0 && at + 1 < label.length()) {
                            byLetter.computeIfAbsent(Character.toLowerCase(label.charAt(at + 1)),
                                    k -> new ArrayList<>()).add(label);
                        }
                    }
                }
                byLetter.forEach((letter, labels) -> {
                    if (labels.size() > 1) {
                        clashes.add(f.getFileName() + ": Alt+" + letter + " " + labels);
                    }
                });
            }
        }
        assertTrue(views >= 10, "the views were found: " + views);
        assertEquals(List.of(), clashes);
    }
}
