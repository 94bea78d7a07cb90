package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;

import dev.hoglink.ui.theme.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
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
            String name = link.accountName() == null || link.accountName().isBlank() ? "?" : link.accountName();
            return others > 0 ? name + " + " + others : name;
        }

        static AccountCell of(ProjectRowViewModel r) {
            GitHubLink l = r.primaryLink();
            return l == null ? null : new AccountCell(l, r.links().size() - 1);
        }
    }

    record ReposCell(String text, int count) {
    }

    private static final java.util.List<String> STATUS_CLASSES =
            java.util.List.of("status-ok", "status-bad", "status-warn", "status-muted", "stale");

    /**
     * The GitHub status: an icon and a word as the cell's own graphic and text. The retry link (failed rows)
     * and the tooltip (once there is more to say than "Loading…") are made when first needed, so the first
     * frame of a load styles one icon per row and nothing else.
     */
    static final class StatusTableCell extends TableCell<ProjectRowViewModel, StatusCell> {
        private final java.util.function.Consumer<ProjectRowViewModel> onRetry;

        StatusTableCell(java.util.function.Consumer<ProjectRowViewModel> onRetry) {
            this.onRetry = onRetry;
        }

        private final java.util.Map<RowState, javafx.scene.Node> icons = new java.util.EnumMap<>(RowState.class);
        private HBox failedBox;
        private Label failedWord;
        private Tooltip tooltip;

        @Override
        protected void updateItem(StatusCell s, boolean empty) {
            super.updateItem(s, empty);
            if (empty || s == null) {
                getStyleClass().removeAll(STATUS_CLASSES);
                setGraphic(null);
                setText(null);
                setTooltip(null);
                return;
            }
            AppIcon icon = switch (s.state()) {
                case CONNECTED -> AppIcon.CONNECTED;
                case NOT_CONNECTED -> AppIcon.NOT_CONNECTED;
                case UNAVAILABLE -> AppIcon.UNAVAILABLE;
                case TOKEN_ERROR -> AppIcon.TOKEN_ERROR;
                case NO_INSTALLATION -> AppIcon.WARNING;
                case FAILED -> AppIcon.LOAD_FAILED;
                case LOADING -> AppIcon.LOADING;
            };
            String tone = switch (s.state()) {
                case CONNECTED -> "status-ok";
                case UNAVAILABLE, FAILED -> "status-bad";
                case TOKEN_ERROR, NO_INSTALLATION -> "status-warn";
                case NOT_CONNECTED, LOADING -> "status-muted";
            };
            // Only touch the style classes that change: each change re-applies the cell's CSS.
            java.util.List<String> want = s.stale() ? java.util.List.of(tone, "stale") : java.util.List.of(tone);
            java.util.List<String> have = getStyleClass().stream().filter(STATUS_CLASSES::contains).toList();
            if (!have.equals(want)) {
                getStyleClass().removeAll(STATUS_CLASSES);
                getStyleClass().addAll(want);
            }
            javafx.scene.Node glyph = icons.computeIfAbsent(s.state(), k -> icon.node());
            if (s.state() == RowState.FAILED) {
                // A link cannot sit after a cell's own text, so a failed row shows a small box instead.
                if (failedBox == null) {
                    Hyperlink retry = new Hyperlink("Retry");
                    retry.getStyleClass().add("cell-retry");
                    retry.setAccessibleText("Retry loading this project");
                    retry.setOnAction(e -> {
                        ProjectRowViewModel row = getTableRow() == null ? null : getTableRow().getItem();
                        if (row != null) {
                            onRetry.accept(row);
                        }
                    });
                    failedWord = new Label();
                    failedWord.getStyleClass().add("status-word");
                    failedBox = new HBox(6, failedWord, retry);
                    failedBox.setAlignment(Pos.CENTER_LEFT);
                }
                failedWord.setText(s.state().label());
                failedWord.setGraphic(glyph);
                setText(null);
                setGraphic(failedBox);
            } else {
                setText(s.state().label());
                setGraphic(glyph);
            }
            String tip = s.detail().isEmpty() ? s.state().label() : s.state().label() + ": " + s.detail();
            if (s.state() == RowState.LOADING && !s.stale()) {
                setTooltip(null);
            } else {
                if (tooltip == null) {
                    tooltip = new Tooltip();
                }
                tooltip.setText(s.stale() ? tip + " (cached, refreshing)" : tip);
                setTooltip(tooltip);
            }
            setAccessibleText(tip);
        }
    }

}
