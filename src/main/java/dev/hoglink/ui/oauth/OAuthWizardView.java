package dev.hoglink.ui.oauth;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Project;
import dev.hoglink.service.oauth.SetupErrors;
import dev.hoglink.ui.common.DisplayConverter;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Outcome;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Step;
import dev.hoglink.ui.theme.AppIcon;
import java.util.List;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TextField;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** The wizard's window content: binds the FXML to {@link OAuthWizardViewModel} and forwards the buttons. */
public final class OAuthWizardView {

    private final OAuthWizardViewModel vm;
    private Runnable closer = () -> { };

    @FXML private HBox stepsBox;
    @FXML private VBox choosePage;
    @FXML private VBox explainPage;
    @FXML private VBox createPage;
    @FXML private HBox openPage;
    @FXML private VBox waitPage;
    @FXML private ComboBox<Project> projectCombo;
    @FXML private ComboBox<InstallationOption> installationCombo;
    @FXML private ProgressIndicator installationsSpinner;
    @FXML private Label installationsNoteLabel;
    @FXML private TextField installationIdField;
    @FXML private Label installationErrorLabel;
    @FXML private Label summaryLabel;
    @FXML private Label currentUserLabel;
    @FXML private HBox creatingBox;
    @FXML private HBox mintErrorBox;
    @FXML private Label mintErrorIcon;
    @FXML private Label mintErrorLabel;
    @FXML private TextField urlField;
    @FXML private Button openButton;
    @FXML private Button copyButton;
    @FXML private Label noticeLabel;
    @FXML private HBox alreadyConnectedBox;
    @FXML private Label alreadyConnectedIcon;
    @FXML private Label alreadyConnectedLabel;
    @FXML private HBox launchErrorBox;
    @FXML private Label launchErrorIcon;
    @FXML private Label launchErrorLabel;
    @FXML private Label qrCaptionLabel;
    @FXML private Label openIntroLabel;
    @FXML private Button failedButton;
    @FXML private VBox failurePane;
    @FXML private TextField landingField;
    @FXML private Button reportFailureButton;
    @FXML private Label knownCodesLabel;
    @FXML private Label openCountdownLabel;
    @FXML private ImageView qrImage;
    @FXML private Label countdownLabel;
    @FXML private ProgressBar timeLeftBar;
    @FXML private Label statusLabel;
    @FXML private HBox resultBox;
    @FXML private Label resultIcon;
    @FXML private Label resultTextLabel;
    @FXML private Label resultLinkLabel;
    @FXML private Button mintAgainButton;
    @FXML private Button backButton;
    @FXML private Button nextButton;
    @FXML private Button cancelButton;

    public OAuthWizardView(OAuthWizardViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    /** What Cancel/Close does after the view model stopped: the window closes itself. */
    public void setCloser(Runnable closer) {
        this.closer = Objects.requireNonNull(closer);
    }

    public OAuthWizardViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        // steps indicator
        for (Step s : Step.values()) {
            Label l = new Label((s.ordinal() + 1) + " " + s.title());
            l.getStyleClass().add("wizard-step");
            l.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
            l.setId("step" + s.name());
            stepsBox.getChildren().add(l);
        }
        List<Node> pages = List.of(choosePage, explainPage, createPage, openPage, waitPage);
        vm.stepProperty().addListener((o, a, b) -> showStep(pages, b));
        showStep(pages, vm.step());

        // 1
        projectCombo.setItems(vm.choice().projects());
        projectCombo.valueProperty().bindBidirectional(vm.choice().selectedProjectProperty());
        projectCombo.setConverter(DisplayConverter.of(InstallationChoiceViewModel::projectName));
        installationCombo.setItems(vm.choice().installations());
        installationCombo.valueProperty().bindBidirectional(vm.choice().selectedInstallationProperty());
        installationCombo.setConverter(DisplayConverter.of(InstallationChoiceViewModel::describe));
        installationsSpinner.visibleProperty().bind(vm.choice().installationsLoadingProperty());
        installationsNoteLabel.textProperty().bind(vm.choice().installationsNoteProperty());
        installationIdField.textProperty().bindBidirectional(vm.choice().installationIdProperty());
        installationErrorLabel.textProperty().bind(vm.choice().installationErrorProperty());

        // 2
        summaryLabel.textProperty().bind(Bindings.createStringBinding(vm.choice()::summary,
                vm.choice().selectedProjectProperty(), vm.choice().installationIdProperty(), vm.choice().installations()));
        alreadyConnectedLabel.textProperty().bind(vm.choice().alreadyConnectedProperty());
        alreadyConnectedBox.visibleProperty().bind(vm.choice().alreadyConnectedProperty().isNotEmpty());
        alreadyConnectedBox.managedProperty().bind(alreadyConnectedBox.visibleProperty());
        alreadyConnectedIcon.setGraphic(AppIcon.WARNING.node());
        currentUserLabel.textProperty().bind(Bindings.when(vm.currentUserProperty().isEmpty())
                .then("(reading…)").otherwise(vm.currentUserProperty()));

        // 3
        creatingBox.visibleProperty().bind(vm.busyProperty());
        creatingBox.managedProperty().bind(creatingBox.visibleProperty());
        mintErrorBox.visibleProperty().bind(vm.mintErrorProperty().isNotEmpty());
        mintErrorBox.managedProperty().bind(mintErrorBox.visibleProperty());
        mintErrorLabel.textProperty().bind(vm.mintErrorProperty());
        mintErrorIcon.setGraphic(AppIcon.ERROR.node());

        // 4
        urlField.textProperty().bind(vm.urlProperty());
        noticeLabel.textProperty().bind(vm.noticeProperty());
        openCountdownLabel.textProperty().bind(Bindings.concat("The link expires in ", vm.countdownProperty(), "."));
        vm.urlProperty().addListener((o, a, b) -> showQr(b));
        vm.currentUserProperty().addListener((o, a, b) -> showQr(vm.urlProperty().get())); // the user read late
        showQr(vm.urlProperty().get());
        launchErrorLabel.textProperty().bind(vm.launchErrorProperty());
        launchErrorBox.visibleProperty().bind(vm.launchErrorProperty().isNotEmpty());
        launchErrorBox.managedProperty().bind(launchErrorBox.visibleProperty());
        launchErrorIcon.setGraphic(AppIcon.ERROR.node());
        vm.launchErrorProperty().addListener((o, a, b) -> {
            if (b != null && !b.isEmpty()) {
                copyButton.requestFocus();
            }
        });
        openButton.disableProperty().bind(vm.urlProperty().isEmpty().or(vm.openingProperty()));
        copyButton.disableProperty().bind(vm.urlProperty().isEmpty());
        openButton.setGraphic(AppIcon.GITHUB.node());

        // 5
        countdownLabel.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.outcomeProperty().get()) {
            case EXPIRED -> "Expired";
            case COMPLETED -> "Connected";
            case CANCELLED -> "Stopped";
            case FAILED -> "Stopped";
            case NONE -> vm.countdownProperty().get() + " left";
        }, vm.outcomeProperty(), vm.countdownProperty()));
        timeLeftBar.progressProperty().bind(vm.timeLeftProperty());
        timeLeftBar.visibleProperty().bind(vm.outcomeProperty().isEqualTo(Outcome.NONE));
        statusLabel.textProperty().bind(vm.statusProperty());
        statusLabel.visibleProperty().bind(vm.outcomeProperty().isEqualTo(Outcome.NONE));
        statusLabel.managedProperty().bind(statusLabel.visibleProperty());
        resultBox.visibleProperty().bind(vm.resultTextProperty().isNotEmpty());
        resultBox.managedProperty().bind(resultBox.visibleProperty());
        resultTextLabel.textProperty().bind(vm.resultTextProperty());
        resultLinkLabel.textProperty().bind(Bindings.createStringBinding(() -> describe(vm.resultLinkProperty().get()),
                vm.resultLinkProperty()));
        vm.outcomeProperty().addListener((o, a, b) -> showOutcome(b));
        failedButton.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.WAIT)
                .and(vm.outcomeProperty().isEqualTo(Outcome.NONE)));
        failedButton.managedProperty().bind(failedButton.visibleProperty());
        failurePane.setVisible(false);
        failurePane.visibleProperty().addListener((o, a, b) -> failurePane.setManaged(b));
        failurePane.setManaged(false);
        vm.outcomeProperty().addListener((o, a, b) -> {
            if (b != Outcome.NONE) {
                failurePane.setVisible(false);
            }
        });
        knownCodesLabel.setText(SetupErrors.known().values().stream()
                .map(e -> e.code() + ": " + e.posthogSays()).collect(java.util.stream.Collectors.joining("\n")));
        mintAgainButton.visibleProperty().bind(vm.canMintAgainBinding());
        mintAgainButton.managedProperty().bind(mintAgainButton.visibleProperty());

        // buttons: each as wide as its own text ("Create link" is longer than the "Next" the bar sized for)
        for (Button b : List.of(backButton, nextButton, cancelButton)) {
            javafx.scene.control.ButtonBar.setButtonUniformSize(b, false);
            b.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        }
        nextButton.disableProperty().bind(vm.canNextBinding().not());
        backButton.disableProperty().bind(vm.canBackBinding().not());
        nextButton.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.step()) {
            case EXPLAIN -> "_Create link";
            case CREATE -> "_Try again";
            case OPEN -> "_Next";
            default -> "_Next";
        }, vm.stepProperty()));
        nextButton.visibleProperty().bind(vm.stepProperty().isNotEqualTo(Step.WAIT));
        backButton.visibleProperty().bind(vm.stepProperty().isNotEqualTo(Step.WAIT)
                .or(vm.outcomeProperty().isEqualTo(Outcome.NONE)));
        cancelButton.textProperty().bind(Bindings.when(vm.finishedBinding()).then("Close").otherwise("Cancel"));
    }

    /** Draws the link's QR code when it can help; otherwise says why there is none. Never throws. */
    private void showQr(String url) {
        java.util.Optional<String> why = QrImages.whyNoCode(url);
        javafx.scene.image.Image img = why.isPresent() || url == null || url.isEmpty() ? null : QrImages.render(url, 4);
        qrImage.setImage(img);
        qrImage.setVisible(img != null);
        qrImage.setManaged(img != null);
        openIntroLabel.setText(OAuthWizardViewModel.openIntro(vm.currentUserProperty().get(), img != null));
        qrCaptionLabel.setText(img != null ? "Scan to open on another device"
                : why.orElse(url == null || url.isEmpty() ? "" : "No QR code: the link is too long for one. Copy it instead."));
    }

    private void showStep(List<Node> pages, Step step) {
        for (int i = 0; i < pages.size(); i++) {
            pages.get(i).setVisible(i == step.ordinal());
        }
        for (Node n : stepsBox.getChildren()) {
            int i = stepsBox.getChildren().indexOf(n);
            n.getStyleClass().removeAll("current", "done");
            if (i == step.ordinal()) {
                n.getStyleClass().add("current");
            } else if (i < step.ordinal()) {
                n.getStyleClass().add("done");
            }
        }
        Node focus = switch (step) {
            case CHOOSE -> projectCombo;
            case OPEN -> openButton;
            case WAIT -> cancelButton;
            default -> nextButton;
        };
        focus.requestFocus();
    }

    private void showOutcome(Outcome o) {
        resultBox.getStyleClass().removeAll("completed", "expired", "failed", "cancelled");
        AppIcon icon = switch (o) {
            case COMPLETED -> AppIcon.SUCCESS;
            case EXPIRED -> AppIcon.CLOCK;
            case FAILED -> AppIcon.ERROR;
            case CANCELLED -> AppIcon.WARNING;
            case NONE -> null;
        };
        if (o != Outcome.NONE) {
            resultBox.getStyleClass().add(o.name().toLowerCase(java.util.Locale.ROOT));
        }
        resultIcon.setGraphic(icon == null ? null : icon.node());
        if (o == Outcome.COMPLETED) {
            cancelButton.requestFocus();
        } else if (o == Outcome.EXPIRED || o == Outcome.FAILED) {
            mintAgainButton.requestFocus();
        }
    }

    static String describe(GitHubLink link) {
        if (link == null) {
            return "";
        }
        return (link.accountName() == null ? "" : link.accountName() + " · ")
                + "installation " + link.installationId() + " · " + link.status().name().toLowerCase(java.util.Locale.ROOT)
                + (link.createdBy() == null ? "" : " · by " + link.createdBy());
    }


    @FXML
    private void onNext() {
        vm.next();
    }

    @FXML
    private void onBack() {
        vm.back();
    }

    @FXML
    private void onOpen() {
        vm.openInBrowser();
    }

    @FXML
    private void onCopy() {
        vm.copyLink();
    }

    @FXML
    private void onFailed() {
        failurePane.setVisible(true);
        landingField.requestFocus();
    }

    @FXML
    private void onReportFailure() {
        vm.reportFailure(landingField.getText());
    }

    @FXML
    private void onMintAgain() {
        vm.mintAgain();
    }

    @FXML
    private void onCancel() {
        vm.cancel();
        closer.run();
    }
}
