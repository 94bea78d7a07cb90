package dev.hoglink.support;

import java.util.ArrayList;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.text.Text;

/**
 * Finds labels whose text the skin had to cut: the text node a Labeled's skin displays differs from the
 * label's own text and ends with its ellipsis string. Only showing, visible labels count.
 */
public final class Truncation {

    private Truncation() {
    }

    /** "text (shown as: Tex…)" for every cut label under {@code root}. */
    public static List<String> truncatedLabels(Parent root) {
        root.applyCss();
        root.layout();
        List<String> cut = new ArrayList<>();
        collect(root, cut);
        return cut;
    }

    private static void collect(Node n, List<String> cut) {
        if (!n.isVisible()) {
            return;
        }
        if (n instanceof Labeled l && l.getText() != null && !l.getText().isEmpty()) {
            String shown = displayed(l);
            String ellipsis = l.getEllipsisString() == null ? "…" : l.getEllipsisString();
            if (shown != null && !shown.equals(l.getText()) && !ellipsis.isEmpty()
                    && shown.strip().endsWith(ellipsis.strip())
                    && !l.getText().strip().endsWith(ellipsis.strip())) {
                cut.add(describe(l) + " \"" + l.getText() + "\" shown as \"" + shown + "\"");
            }
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, cut);
            }
        }
    }

    /**
     * The text the skin shows, or null when there is no skin yet. The skin's own text node, not a graphic that is a
     * {@code Text} too (an icon-font glyph), which may come first among the children.
     */
    public static String displayed(Labeled l) {
        for (Node c : l.getChildrenUnmodifiable()) {
            if (c instanceof Text t && t.getClass().getSimpleName().equals("LabeledText")) {
                return t.getText();
            }
        }
        return null;
    }

    private static String describe(Labeled l) {
        String id = l.getId() != null ? "#" + l.getId() : l.getClass().getSimpleName();
        Node p = l.getParent();
        while (p != null && p.getId() == null) {
            p = p.getParent();
        }
        return p == null ? id : id + " in #" + p.getId();
    }
}
