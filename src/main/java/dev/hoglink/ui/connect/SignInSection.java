package dev.hoglink.ui.connect;

import javafx.beans.binding.Bindings;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The nodes of the connection dialog's "Sign in with PostHog" section, bound to a {@link SignInViewModel}: a
 * button that first shows what will be granted, then "Open browser and sign in", the status in plain words, and
 * the link with Copy when the browser could not open. Every control is a focusable button or field (Tab reaches
 * them; Alt+I signs in).
 */
final class SignInSection {

    final Button prepareButton = new Button("S_ign in with PostHog instead…");
    final Button signInButton = new Button("Open _browser and sign in");
    final Button cancelButton = new Button("Stop waiting");
    final Button copyButton = new Button("Copy link");
    final Label grantsLabel = new Label();
    final Label statusLabel = new Label();
    final TextField linkField = new TextField();

    SignInSection(VBox box, SignInViewModel vm, java.util.function.Consumer<dev.hoglink.service.session.Session> onSignedIn) {
        Label title = new Label("No key? Sign in with PostHog in your browser; Hoglink never sees your password.");
        title.setWrapText(true);
        title.getStyleClass().add("text-muted");
        prepareButton.setMnemonicParsing(true);
        prepareButton.setId("signInPrepareButton");
        signInButton.setMnemonicParsing(true);
        signInButton.setId("signInButton");
        signInButton.getStyleClass().add("accent");
        cancelButton.setId("signInCancelButton");
        copyButton.setId("signInCopyButton");
        grantsLabel.setId("signInGrantsLabel");
        grantsLabel.setWrapText(true);
        statusLabel.setId("signInStatusLabel");
        statusLabel.setWrapText(true);
        linkField.setId("signInLinkField");
        linkField.setEditable(false);
        linkField.setAccessibleText("Sign-in link");
        HBox.setHgrow(linkField, javafx.scene.layout.Priority.ALWAYS);

        prepareButton.setOnAction(e -> vm.prepare());
        signInButton.setOnAction(e -> vm.signIn(onSignedIn));
        cancelButton.setOnAction(e -> vm.cancel());
        copyButton.setOnAction(e -> vm.copyLink());

        grantsLabel.textProperty().bind(vm.grantsProperty());
        statusLabel.textProperty().bind(vm.statusProperty());
        linkField.textProperty().bind(vm.linkProperty());
        var step = vm.stepProperty();
        showIf(grantsLabel, Bindings.createBooleanBinding(() -> step.get() == SignInViewModel.Step.READY
                || step.get() == SignInViewModel.Step.WAITING, step));
        showIf(statusLabel, vm.statusProperty().isNotEmpty());
        showIf(signInButton, step.isEqualTo(SignInViewModel.Step.READY));
        showIf(cancelButton, step.isEqualTo(SignInViewModel.Step.WAITING));
        prepareButton.disableProperty().bind(step.isEqualTo(SignInViewModel.Step.PREPARING)
                .or(step.isEqualTo(SignInViewModel.Step.WAITING)));
        HBox linkRow = new HBox(6, linkField, copyButton);
        showIf(linkRow, Bindings.createBooleanBinding(() -> !vm.linkProperty().get().isEmpty()
                && step.get() == SignInViewModel.Step.WAITING, vm.linkProperty(), step));
        statusLabel.getStyleClass().add("signin-status");
        step.addListener((o, a, b) -> {
            statusLabel.getStyleClass().remove("validation");
            if (b == SignInViewModel.Step.FAILED) {
                statusLabel.getStyleClass().add("validation");
            }
            if (b == SignInViewModel.Step.READY) {
                signInButton.requestFocus();
            }
        });
        HBox buttons = new HBox(8, prepareButton, signInButton, cancelButton);
        box.getChildren().setAll(title, buttons, grantsLabel, statusLabel, linkRow);
    }

    private static void showIf(javafx.scene.Node n, javafx.beans.value.ObservableBooleanValue shown) {
        n.visibleProperty().bind(shown);
        n.managedProperty().bind(shown);
    }
}
