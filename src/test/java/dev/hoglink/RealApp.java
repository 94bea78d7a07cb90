package dev.hoglink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.stage.Stage;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.testfx.api.FxToolkit;

/**
 * The real app in a TestFX test: each test gets its own {@code hoglink.home} (config, data, cache), starts the
 * app with {@link #start}, and the app, its stages and the home are cleaned up after it.
 * <pre>@RegisterExtension final RealApp real = new RealApp();</pre>
 */
public final class RealApp implements BeforeEachCallback, AfterEachCallback {

    private Path home;
    private Application app;

    @Override
    public void beforeEach(ExtensionContext context) throws Exception {
        home = Files.createTempDirectory("hoglink-home");
        System.setProperty("hoglink.home", home.toString());
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        try {
            stop();
            FxToolkit.cleanupStages();
        } finally {
            System.clearProperty("hoglink.home");
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    /** Starts {@code type} (HoglinkApp or a test subclass) on the primary stage and returns it. */
    public <A extends Application> A start(Class<A> type, String... args) throws Exception {
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(type, args);
        return type.cast(app);
    }

    /** Stops the app (its stop() runs: settings are saved), e.g. to look at what it wrote. */
    public void stop() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
            app = null;
        }
    }

    public Stage stage() {
        return FxToolkit.toolkitContext().getRegisteredStage();
    }

    public Path home() {
        return home;
    }
}
