package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.ProjectState;
import dev.hoglink.model.Sharing;
import dev.hoglink.ui.theme.AppIcon;
import java.time.ZoneId;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The detail pane's cards, one per GitHub integration of the project, with its state by the model's rule. */
final class LinkCards {

    private LinkCards() {
    }

    /**
     * @param sharing whether the link's installation is shared, in the table's words ({@link Sharing}); the card says
     *                "shared with 2 other projects", "shared elsewhere" (with a tip saying what it means) or "only
     *                this project"; bound, so the words change as other projects link or unlink the installation
     * @param choosable whether the project has more than one link, so a click, or Enter on the focused card, chooses
     *                  the one the repositories and the actions show
     */
    static Node linkCard(GitHubLink l, ObservableValue<Sharing> sharing, boolean selected, boolean choosable, ZoneId zone,
                         java.util.function.Consumer<GitHubLink> choose) {
        Label title = new Label(Objects.toString(l.accountName(), "?"), AppIcon.GITHUB.node());
        title.getStyleClass().add("link-card-title");
        Label type = new Label(l.accountType().label() + " · " + (l.hasInstallation()
                ? "installation " + l.installationId() : "no installation"));
        type.getStyleClass().add("muted-small");
        // Wraps the account type under the name when the pane is narrow, rather than cutting it.
        javafx.scene.layout.FlowPane head = new javafx.scene.layout.FlowPane(8, 2, title, type);
        head.setAlignment(Pos.CENTER_LEFT);
        title.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ProjectState state = l.state();
        AppIcon icon = switch (state) {
            case UNAVAILABLE -> AppIcon.UNAVAILABLE;
            case TOKEN_ERROR -> AppIcon.TOKEN_ERROR;
            case NO_INSTALLATION -> AppIcon.WARNING;
            default -> AppIcon.CONNECTED;
        };
        Label statusLabel = new Label(ProjectDetailViewModel.linkStatusText(l), icon.node());
        statusLabel.getStyleClass().add(dev.hoglink.ui.common.StateTone.of(state).statusClass());
        statusLabel.setWrapText(true);
        Label meta = new Label();
        meta.getStyleClass().add("muted-small");
        // Bound, not listened to: the value holds no reference back to the card, which goes with the pane's redraw.
        meta.textProperty().bind(Bindings.createStringBinding(() -> metaText(l, sharing.getValue(), zone), sharing));
        dev.hoglink.ui.common.HoverTip.on(meta).wrapAt(360)
                .bind(Bindings.createStringBinding(() -> tipText(l, sharing.getValue()), sharing));
        meta.setWrapText(true);
        meta.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        statusLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox card = new VBox(4, head, statusLabel, meta);
        card.getStyleClass().add("link-card");
        if (selected) {
            card.getStyleClass().add("selected");
        }
        card.setOnMouseClicked(e -> choose.accept(l));
        card.setUserData(l);
        if (choosable) { // the keyboard chooses too: Tab to a card, Enter or Space; a ring shows the focus (app.css)
            card.setFocusTraversable(true);
            card.setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
            card.setAccessibleText(title.getText() + ", " + type.getText() + ", " + statusLabel.getText()
                    + (selected ? ", chosen" : ""));
            card.setAccessibleHelp("Enter chooses this link for the repositories and the actions below");
            card.setOnKeyPressed(e -> {
                if (e.getCode() == javafx.scene.input.KeyCode.ENTER || e.getCode() == javafx.scene.input.KeyCode.SPACE) {
                    choose.accept(l);
                    e.consume();
                }
            });
        }
        return card;
    }

    /**
     * The card's last line: the repository selection, who linked it and when, and whether the installation is
     * shared in the table's words ("shared with 2 other projects", "shared elsewhere", "only this project"). The
     * date's spaces do not break, so a narrow pane wraps before it rather than inside it.
     */
    static String metaText(GitHubLink l, Sharing sharing, ZoneId zone) {
        String sel = l.repositorySelection() == null ? "" : ("all".equals(l.repositorySelection())
                ? "All repositories" : "Selected repositories");
        String by = (l.createdBy() == null ? "" : "linked by " + l.createdBy())
                + (l.createdAt() == null ? "" : " on " // the date on one line: "2 May 2026", never "2" and "May 2026"
                + dev.hoglink.ui.common.DisplayTimes.day(l.createdAt(), zone).replace(' ', '\u00a0'));
        String shared = l.hasInstallation() ? sharing.description() : "";
        return String.join(" · ", java.util.stream.Stream.of(sel, by, shared).filter(x -> !x.isEmpty()).toList());
    }

    /** What the card's sharing words leave out ("elsewhere" only), or "" for no tip. */
    private static String tipText(GitHubLink l, Sharing sharing) {
        return l.hasInstallation() && sharing != null && sharing.tip() != null ? sharing.tip() : "";
    }

    static Label note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("empty-note");
        l.setWrapText(true);
        l.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        return l;
    }

}
