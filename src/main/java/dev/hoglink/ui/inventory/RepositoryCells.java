package dev.hoglink.ui.inventory;

import dev.hoglink.model.Repository;
import dev.hoglink.ui.theme.AppIcon;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;

/** The detail pane's repositories table cells: the full name with a private or public icon and an archived tag. */
final class RepositoryCells {

    private RepositoryCells() {
    }

    static TableCell<Repository, Repository> name() {
        return new TableCell<>() {
            @Override
            protected void updateItem(Repository r, boolean empty) {
                super.updateItem(r, empty);
                if (empty || r == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                HBox box = new HBox(6);
                box.setAlignment(Pos.CENTER_LEFT);
                Label name = new Label(r.fullName(), (r.isPrivate() ? AppIcon.PRIVATE : AppIcon.REPOSITORY).node());
                // The name takes the ellipsis (the tip has it whole), the tag never shrinks: a name kept at its full
                // width pushed "archived" past the cell's edge, cut with no ellipsis.
                name.setMinWidth(0);
                box.setMinWidth(0);
                setTooltip(new Tooltip(r.fullName() + (r.isPrivate() ? " (private)" : " (public)")
                        + (r.archived() ? ", archived" : "")));
                box.getChildren().add(name);
                if (r.archived()) {
                    Label tag = new Label("archived");
                    tag.getStyleClass().addAll("tag", "warning");
                    tag.setMinWidth(Region.USE_PREF_SIZE);
                    box.getChildren().add(tag);
                }
                setGraphic(box);
                setText(null);
                setAccessibleText(r.fullName() + (r.isPrivate() ? ", private" : ", public") + (r.archived() ? ", archived" : ""));
            }
        };
    }
}
