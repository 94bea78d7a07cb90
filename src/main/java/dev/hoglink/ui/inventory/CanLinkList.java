package dev.hoglink.ui.inventory;

import atlantafx.base.controls.CustomTextField;
import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.ui.theme.AppIcon;
import java.util.Comparator;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;

/**
 * The detail pane's "Installations this project can link": every installation the organization's other
 * projects use, with a filter (account, installation id or the project using it) and its count, reachable from
 * the keyboard (Tab into the filter, Down into the list, Escape clears the filter).
 */
final class CanLinkList {

    private CanLinkList() {
    }

    static void bind(ProjectDetailViewModel d, TableView<InstallationOption> table,
                     TableColumn<InstallationOption, InstallationOption> account,
                     TableColumn<InstallationOption, String> installation, TableColumn<InstallationOption, String> source,
                     CustomTextField filter, Label count, Label message, Function<InstallationOption, String> sourceText) {
        table.setItems(d.visibleInstallations());
        table.getStyleClass().addAll(Styles.DENSE, Tweaks.EDGE_TO_EDGE);
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_SUBSEQUENT_COLUMNS);
        Label placeholder = new Label();
        placeholder.getStyleClass().add(Styles.TEXT_MUTED);
        placeholder.setWrapText(true);
        placeholder.textProperty().bind(Bindings.when(Bindings.isEmpty(d.installations()))
                .then(d.installationsMessageProperty()).otherwise("No installation matches the filter."));
        table.setPlaceholder(placeholder);
        account.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        account.setComparator(Comparator.comparing(o -> Objects.toString(o.accountName(), "")));
        account.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(InstallationOption o, boolean empty) {
                super.updateItem(o, empty);
                if (empty || o == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                setGraphic((o.accountType() == AccountType.USER ? AppIcon.USER : AppIcon.ORGANIZATION).node());
                setText(Objects.toString(o.accountName(), "?"));
            }
        });
        installation.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().installationId()));
        source.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(sourceText.apply(c.getValue())));
        source.setCellFactory(col -> new TableCell<>() { // the name; "Data Warehouse (id 106)" and an environment's project on hover
            private final javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();

            @Override
            protected void updateItem(String text, boolean empty) {
                super.updateItem(text, empty);
                setText(empty || text == null ? null : text.replaceFirst(" \\(id \\d+\\).*$", ""));
                tip.setText(text);
                setTooltip(empty || text == null ? null : tip);
                setAccessibleText(empty ? null : "used by " + text);
            }
        });
        message.textProperty().bind(Bindings.when(Bindings.isEmpty(d.installations()))
                .then("").otherwise(d.installationsMessageProperty()));
        message.visibleProperty().bind(message.textProperty().isNotEmpty());
        message.managedProperty().bind(message.visibleProperty());

        filter.setLeft(AppIcon.SEARCH.node());
        filter.textProperty().bindBidirectional(d.installationFilterProperty());
        filter.disableProperty().bind(Bindings.isEmpty(d.installations()));
        count.textProperty().bind(d.installationsCountProperty());
        filter.addEventHandler(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.DOWN && !table.getItems().isEmpty()) {
                table.requestFocus();
                if (table.getSelectionModel().isEmpty()) {
                    table.getSelectionModel().selectFirst();
                }
                table.getFocusModel().focus(table.getSelectionModel().getSelectedIndex());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && !filter.getText().isEmpty()) {
                filter.clear();
                e.consume();
            }
        });
    }
}
