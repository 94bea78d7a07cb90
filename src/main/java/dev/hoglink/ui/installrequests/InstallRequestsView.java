package dev.hoglink.ui.installrequests;

import dev.hoglink.model.InstallRequest;
import dev.hoglink.ui.installrequests.InstallRequestsViewModel.Row;
import java.net.URI;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.Tooltip;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** Thin view of {@link InstallRequestsViewModel} ({@code InstallRequests.fxml}): one card per request. */
public final class InstallRequestsView {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private final InstallRequestsViewModel vm;
    private final Consumer<URI> openPage;
    private final ZoneId zone;

    @FXML private Label summaryLabel;
    @FXML private Label errorLabel;
    @FXML private VBox requestsBox;
    @FXML private VBox ownerBox;
    @FXML private TextArea ownerMessageArea;
    @FXML private Button copyButton;
    @FXML private Hyperlink approvalLink;
    @FXML private Label pollLabel;
    @FXML private Button refreshButton;
    @FXML private Button closeButton;

    public InstallRequestsView(InstallRequestsViewModel vm, Consumer<URI> openPage, ZoneId zone) {
        this.vm = Objects.requireNonNull(vm);
        this.openPage = Objects.requireNonNull(openPage);
        this.zone = Objects.requireNonNull(zone);
    }

    @FXML
    private void initialize() {
        summaryLabel.textProperty().bind(vm.summaryProperty());
        errorLabel.textProperty().bind(vm.errorProperty());
        errorLabel.visibleProperty().bind(vm.errorProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        ownerMessageArea.textProperty().bind(vm.ownerMessageProperty());
        ownerBox.visibleProperty().bind(vm.ownerMessageProperty().isNotEmpty());
        ownerBox.managedProperty().bind(ownerBox.visibleProperty());
        approvalLink.visibleProperty().bind(vm.installUrlProperty().isNotNull());
        approvalLink.setTooltip(new Tooltip("The GitHub page where an organization owner approves the app"));
        pollLabel.textProperty().bind(vm.pollStatusProperty());
        refreshButton.disableProperty().bind(vm.loadingProperty());
        vm.rows().addListener((javafx.collections.ListChangeListener<Row>) c -> render());
        render();
    }

    private void render() {
        requestsBox.getChildren().setAll(vm.rows().stream().map(this::card).toList());
    }

    private VBox card(Row row) {
        InstallRequest r = row.request();
        Label tag = new Label(switch (r.status()) {
            case PENDING -> "Pending";
            case APPROVED -> "Approved";
            case UNIDENTIFIED -> "Never resolves";
            case OTHER -> "Unknown";
        });
        tag.getStyleClass().addAll("tag", switch (r.status()) {
            case PENDING -> "accent";
            case APPROVED -> "success";
            default -> "danger";
        });
        tag.setMinWidth(Region.USE_PREF_SIZE);
        Label title = new Label(row.title());
        title.getStyleClass().add("request-title");
        title.setWrapText(true);
        title.setMinHeight(Region.USE_PREF_SIZE);
        Region grow = new Region();
        HBox.setHgrow(grow, Priority.ALWAYS);
        Button dismiss = new Button("Dismiss");
        dismiss.setMinWidth(Region.USE_PREF_SIZE);
        dismiss.setDisable(!row.canDismiss());
        dismiss.setAccessibleText("Dismiss this request: " + row.title());
        dismiss.setTooltip(new Tooltip(row.canDismiss() ? "Remove this request from PostHog's list"
                : vm.dismissRefusalProperty().get()));
        dismiss.setOnAction(e -> vm.dismiss(row));
        HBox head = new HBox(8, tag, title, grow, dismiss);
        head.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label explanation = new Label(row.explanation());
        explanation.setWrapText(true);
        explanation.setMinHeight(Region.USE_PREF_SIZE);
        String when = (r.requestedAt() == null ? "" : "Requested " + DATE.format(r.requestedAt().atZone(zone)))
                + (r.resolvedAt() == null ? "" : " · approved " + DATE.format(r.resolvedAt().atZone(zone)));
        Label meta = new Label(when);
        meta.getStyleClass().add("text-muted");
        VBox card = new VBox(4, head, explanation, meta);
        card.getStyleClass().addAll("request-card", r.status().name().toLowerCase(Locale.ROOT));
        card.setPadding(new javafx.geometry.Insets(8, 10, 8, 10));
        return card;
    }

    @FXML
    private void copyMessage() {
        ClipboardContent content = new ClipboardContent();
        content.putString(vm.ownerMessageProperty().get());
        Clipboard.getSystemClipboard().setContent(content);
        copyButton.setText("Copied");
    }

    @FXML
    private void openApprovalPage() {
        URI u = vm.installUrlProperty().get();
        if (u != null) {
            openPage.accept(u);
        }
    }

    @FXML
    private void refresh() {
        vm.load();
    }

    @FXML
    private void close() {
        vm.close();
        ((Stage) closeButton.getScene().getWindow()).close();
    }

    /** Keyboard focus on Refresh when the window opens. */
    public void focusFirst() {
        refreshButton.requestFocus();
    }
}
