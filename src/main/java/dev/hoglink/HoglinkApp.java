package dev.hoglink;

import atlantafx.base.theme.PrimerDark;
import atlantafx.base.theme.PrimerLight;
import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/** Composition root: builds the services, applies the theme and shows the main window. */
public class HoglinkApp extends Application {

    static void launchWith(GuiOptions options) {
        Application.launch(HoglinkApp.class, options.toArgs());
    }

    private GuiOptions options = GuiOptions.defaults();

    @Override
    public void init() {
        options = GuiOptions.parse(getParameters().getRaw());
    }

    @Override
    public void start(Stage stage) {
        boolean dark = options.theme().map("dark"::equals).orElse(false);
        Application.setUserAgentStylesheet(dark
                ? new PrimerDark().getUserAgentStylesheet()
                : new PrimerLight().getUserAgentStylesheet());
        Label placeholder = new Label("Hoglink");
        placeholder.setId("placeholderLabel");
        stage.setScene(new Scene(new StackPane(placeholder), 1100, 720));
        stage.setTitle("Hoglink");
        stage.setOnShown(e -> StartupProbe.windowShown());
        stage.show();
    }
}
