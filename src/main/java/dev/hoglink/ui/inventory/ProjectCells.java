package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;

import dev.hoglink.ui.theme.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;

/** The projects table's cells that carry state of their own: the GitHub status cell and its values. */
final class ProjectCells {

    private ProjectCells() {
    }

    /** What the GitHub column shows for a row. */
    record StatusCell(RowState state, String detail, boolean stale) {
    }

    /** What the repositories column shows; count -1 unknown, -2 no integration. */
    /** The Account column: the link the row describes and how many other GitHub integrations the project has. */
    record AccountCell(GitHubLink link, int others) {
        /** "acme", or "acme + 1" when the project uses two installations. */
        String text() {
            return others > 0 ? name() + " + " + others : name();
        }

        /** The account's name, "?" when PostHog names none. */
        String name() {
            return link.accountName() == null || link.accountName().isBlank() ? "?" : link.accountName();
        }

        static AccountCell of(ProjectRowViewModel r) {
            GitHubLink l = r.primaryLink();
            return l == null ? null : new AccountCell(l, r.links().size() - 1);
        }
    }

    record ReposCell(String text, int count) {
    }

    /**
     * The "Read" column: how long ago the row's links were read ("just now", "4 min ago"), in the status bar's words.
     * Each cell follows the table's one clock tick, so the cells on screen (not every row, nor a timer per row)
     * update their text; it changes once a minute at most.
     */
    static final class ReadTableCell extends TableCell<ProjectRowViewModel, java.time.Instant> {
        private final javafx.beans.value.ObservableValue<java.time.Instant> now;
        private final javafx.beans.value.ChangeListener<java.time.Instant> onTick = (o, was, at) -> show();

        ReadTableCell(javafx.beans.value.ObservableValue<java.time.Instant> now) {
            this.now = now;
            now.addListener(new javafx.beans.value.WeakChangeListener<>(onTick));
        }

        @Override
        protected void updateItem(java.time.Instant at, boolean empty) {
            super.updateItem(at, empty);
            show();
        }

        private void show() {
            java.time.Instant at = isEmpty() ? null : getItem();
            String text = at == null ? null : TimeAgo.text(java.time.Duration.between(at, now.getValue()));
            if (!java.util.Objects.equals(text, getText())) {
                setText(text);
                setAccessibleText(text == null ? null : "read " + text);
            }
        }
    }

    private static final javafx.css.PseudoClass OK = javafx.css.PseudoClass.getPseudoClass("status-ok");
    private static final javafx.css.PseudoClass BAD = javafx.css.PseudoClass.getPseudoClass("status-bad");
    private static final javafx.css.PseudoClass WARN = javafx.css.PseudoClass.getPseudoClass("status-warn");
    private static final javafx.css.PseudoClass MUTED = javafx.css.PseudoClass.getPseudoClass("status-muted");
    private static final javafx.css.PseudoClass STALE = javafx.css.PseudoClass.getPseudoClass("stale");

    /**
     * The GitHub status: an icon and a word as the cell's own graphic and text. The tone and "stale" are
     * pseudo-classes and the icon is one node whose glyph changes: a filter hands every visible cell another row,
     * and a style class changed or a graphic swapped made JavaFX match the cell's whole CSS again (a third of a
     * keystroke). The retry link (failed rows) and the tooltip (once there is more to say than "Loading…") are
     * made when first needed.
     */
    static final class StatusTableCell extends TableCell<ProjectRowViewModel, StatusCell> {
        private final java.util.function.Consumer<ProjectRowViewModel> onRetry;
        private final org.kordamp.ikonli.javafx.FontIcon glyph = AppIcon.LOADING.node();

        StatusTableCell(java.util.function.Consumer<ProjectRowViewModel> onRetry) {
            this.onRetry = onRetry;
        }

        private HBox failedBox;
        private Label failedWord;
        private final dev.hoglink.ui.common.HoverTip tip = dev.hoglink.ui.common.HoverTip.on(this);

        private void tone(javafx.css.PseudoClass tone, boolean stale) {
            for (javafx.css.PseudoClass p : new javafx.css.PseudoClass[] {OK, BAD, WARN, MUTED}) {
                pseudoClassStateChanged(p, p == tone);
            }
            pseudoClassStateChanged(STALE, stale);
        }

        @Override
        protected void updateItem(StatusCell s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                tone(null, false);
                setText(null);
                tip.setText(null);
                glyph.setVisible(false);
                return;
            }
            glyph.setVisible(true);
            AppIcon icon = switch (s.state()) {
                case CONNECTED -> AppIcon.CONNECTED;
                case NOT_CONNECTED -> AppIcon.NOT_CONNECTED;
                case UNAVAILABLE -> AppIcon.UNAVAILABLE;
                case TOKEN_ERROR -> AppIcon.TOKEN_ERROR;
                case NO_INSTALLATION -> AppIcon.WARNING;
                case FAILED -> AppIcon.LOAD_FAILED;
                case LOADING -> AppIcon.LOADING;
            };
            tone(switch (s.state().tone()) {
                case OK -> OK;
                case BAD -> BAD;
                case WARN -> WARN;
                case MUTED -> MUTED;
            }, s.stale());
            if (glyph.getIconCode() != icon.ikon()) {
                glyph.setIconCode(icon.ikon());
            }
            if (s.state() == RowState.FAILED) {
                // A link cannot sit after a cell's own text, so a failed row shows a small box instead.
                if (failedBox == null) {
                    // The retry glyph only: "Couldn't load" (the audit's word) and a text link do not fit the
                    // column; the link says what it does to a screen reader and on hover.
                    Hyperlink retry = new Hyperlink(null, AppIcon.RETRY.node());
                    retry.getStyleClass().add("cell-retry");
                    retry.setAccessibleText("Retry loading this project");
                    dev.hoglink.ui.common.HoverTip.on(retry).setText("Retry loading this project");
                    retry.setOnAction(e -> {
                        ProjectRowViewModel row = getTableRow() == null ? null : getTableRow().getItem();
                        if (row != null) {
                            onRetry.accept(row);
                        }
                    });
                    failedWord = new Label();
                    failedWord.getStyleClass().add("status-word");
                    failedBox = new HBox(4, failedWord, retry);
                    failedBox.setAlignment(Pos.CENTER_LEFT);
                }
                // The word in the status's red, then the retry glyph; no status glyph before it, so the two fit.
                failedWord.setText(s.state().label());
                setText(null);
                setGraphic(failedBox);
            } else {
                setText(s.state().label());
                setGraphic(glyph);
            }
            String said = s.detail().isEmpty() ? s.state().label() : s.state().label() + ": " + s.detail();
            tip.setText(s.state() == RowState.LOADING && !s.stale() ? null
                    : s.stale() ? said + " (cached, refreshing)" : said);
            setAccessibleText(said);
        }
    }

}
