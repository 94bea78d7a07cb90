package dev.hoglink.ui.inventory;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.ProjectState;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Repository;
import dev.hoglink.ui.common.TableLayouts;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.theme.AppIcon;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.util.Duration;
import javafx.util.StringConverter;

/** The detail pane's cards, one per GitHub integration of the project, with its state by the model's rule. */
final class LinkCards {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private LinkCards() {
    }

    static Node linkCard(GitHubLink l, boolean selected, ZoneId zone, java.util.function.Consumer<GitHubLink> choose) {
        Label title = new Label(Objects.toString(l.accountName(), "?"), AppIcon.GITHUB.node());
        title.getStyleClass().add("link-card-title");
        Label type = new Label(l.accountType().label() + " · " + (l.hasInstallation()
                ? "installation " + l.installationId() : "no installation"));
        type.getStyleClass().add("muted-small");
        HBox head = new HBox(8, title, type);
        head.setAlignment(Pos.CENTER_LEFT);
        ProjectState state = l.state();
        AppIcon icon = switch (state) {
            case UNAVAILABLE -> AppIcon.UNAVAILABLE;
            case TOKEN_ERROR -> AppIcon.TOKEN_ERROR;
            case NO_INSTALLATION -> AppIcon.WARNING;
            default -> AppIcon.CONNECTED;
        };
        Label statusLabel = new Label(ProjectDetailViewModel.linkStatusText(l), icon.node());
        statusLabel.getStyleClass().add(state == ProjectState.UNAVAILABLE ? "status-bad"
                : state.isProblem() ? "status-warn" : "status-ok");
        statusLabel.setWrapText(true);
        String sel = l.repositorySelection() == null ? "" : ("all".equals(l.repositorySelection())
                ? "All repositories" : "Selected repositories");
        String by = (l.createdBy() == null ? "" : "linked by " + l.createdBy())
                + (l.createdAt() == null ? "" : " on " + DATE.format(l.createdAt().atZone(zone)));
        Label meta = new Label(String.join(" · ", java.util.stream.Stream.of(sel, by, l.shared() ? "shared" : "")
                .filter(x -> !x.isEmpty()).toList()));
        meta.getStyleClass().add("muted-small");
        meta.setWrapText(true);
        meta.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        statusLabel.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);
        VBox card = new VBox(4, head, statusLabel, meta);
        card.getStyleClass().add("link-card");
        if (selected) {
            card.getStyleClass().add("selected");
        }
        card.setOnMouseClicked(e -> choose.accept(l));
        return card;
    }

    static Label note(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("empty-note");
        l.setWrapText(true);
        return l;
    }

}
