package dev.hoglink.ui.oauth;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxClock;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.theme.ThemeManager;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Looks at the wizard: opens it on a fresh sandbox and writes a PNG of every step, light and dark, to the
 * folder given as the first argument. Run under Xvfb with the test classpath (see the OAuth section of the
 * README). Not a test: nothing is asserted here.
 */
public final class OAuthWizardScreenshots extends Application {

    /** Plain main (a main class extending Application needs JavaFX on the module path). */
    public static final class Main {
        private Main() {
        }

        public static void main(String[] args) {
            Application.launch(OAuthWizardScreenshots.class, args);
        }
    }

    private record Step(BooleanSupplier ready, Runnable action) {
    }

    @Override
    public void start(Stage ignored) throws Exception {
        Platform.setImplicitExit(false);
        Path out = Path.of(getParameters().getRaw().get(0));
        Files.createDirectories(out);
        SandboxClock clock = new SandboxClock(Instant.now());
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner"))).build();
        ActionJournal journal = new ActionJournal(Files.createTempDirectory("hoglink-shots").resolve("j.jsonl"), Clock.systemUTC());
        java.util.concurrent.atomic.AtomicBoolean fastForward = new java.util.concurrent.atomic.AtomicBoolean();
        dev.hoglink.api.Sleeper real = dev.hoglink.api.Sleeper.system();
        OAuthService service = new OAuthService(client, PostHogHost.parse(sandbox.baseUri().toString()), true, Set.of(),
                journal, clock, d -> {
                    if (!fastForward.get()) {
                        real.sleep(java.time.Duration.ofMillis(200));
                    }
                    clock.advance(d);
                });
        ThemeManager theme = new ThemeManager(t -> { });
        Deque<Step> steps = new ArrayDeque<>();
        for (ThemeManager.Theme t : List.of(ThemeManager.Theme.LIGHT, ThemeManager.Theme.DARK)) {
            String n = t.id();
            OAuthWizardViewModel[] vm = new OAuthWizardViewModel[1];
            Stage[] stage = new Stage[1];
            steps.add(new Step(() -> true, () -> {
                theme.apply(t);
                vm[0] = new OAuthWizardViewModel(service, new FxTaskRunner(2), Ticker.fx(), url -> { }, s -> { },
                        new Organization(SeedWorld.ACME_ORG, "Acme Analytics", "acme", 15),
                        List.of(new Project(110, "Docs", SeedWorld.ACME_ORG, Instant.now()),
                                new Project(111, "Blog", SeedWorld.ACME_ORG, Instant.now())),
                        new Project(110, "Docs", SeedWorld.ACME_ORG, Instant.now()), ids -> { });
                stage[0] = OAuthCommands.show(new dev.hoglink.ui.common.FxDialogService(() -> null), vm[0]);
            }));
            steps.add(new Step(() -> !vm[0].choice().installationsLoadingProperty().get(), () -> shoot(stage[0], out, n + "-1-choose")));
            steps.add(new Step(() -> true, () -> {
                vm[0].choice().installationIdProperty().set("0123");
            }));
            steps.add(new Step(() -> true, () -> shoot(stage[0], out, n + "-1-choose-invalid")));
            steps.add(new Step(() -> true, () -> {
                vm[0].choice().installationIdProperty().set("10000001");
                vm[0].next();
            }));
            steps.add(new Step(() -> !vm[0].currentUserProperty().get().isEmpty(), () -> shoot(stage[0], out, n + "-2-explain")));
            steps.add(new Step(() -> true, vm0(vm, OAuthWizardViewModel::next)));
            steps.add(new Step(() -> vm[0].step() == OAuthWizardViewModel.Step.OPEN, () -> shoot(stage[0], out, n + "-4-open")));
            steps.add(new Step(() -> true, vm0(vm, OAuthWizardViewModel::openInBrowser)));
            steps.add(new Step(() -> true, () -> shoot(stage[0], out, n + "-5-wait")));
            steps.add(new Step(() -> true, vm0(vm, OAuthWizardViewModel::cancel)));
            steps.add(new Step(() -> true, () -> shoot(stage[0], out, n + "-5-cancelled")));
            steps.add(new Step(() -> true, () -> {
                fastForward.set(true);
                vm[0].mintAgain();
            }));
            steps.add(new Step(() -> vm[0].outcomeProperty().get() == OAuthWizardViewModel.Outcome.EXPIRED,
                    () -> shoot(stage[0], out, n + "-5-expired")));
            steps.add(new Step(() -> true, () -> {
                fastForward.set(false);
                vm[0].mintAgain();
            }));
            steps.add(new Step(() -> vm[0].step() == OAuthWizardViewModel.Step.OPEN, () -> {
                String url = vm[0].urlProperty().get();
                Thread browser = new Thread(() -> approve(url), "approve");
                browser.setDaemon(true);
                browser.start();
                vm[0].openInBrowser();
            }));
            steps.add(new Step(() -> vm[0].outcomeProperty().get() == OAuthWizardViewModel.Outcome.COMPLETED,
                    () -> shoot(stage[0], out, n + "-5-completed")));
            steps.add(new Step(() -> true, () -> stage[0].close()));
        }
        steps.add(new Step(() -> true, () -> {
            sandbox.stop();
            Platform.exit();
        }));
        Timeline poll = new Timeline(new KeyFrame(Duration.millis(500), e -> {
            Step next = steps.peek();
            if (next != null && next.ready().getAsBoolean()) {
                steps.poll();
                next.action().run();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /** Approves the sandbox's authorize page as a browser would: load it, post its Authorize form, follow. */
    private static void approve(String url) {
        try {
            java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder()
                    .followRedirects(java.net.http.HttpClient.Redirect.NORMAL).build();
            String page = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()).body();
            String form = page.substring(page.lastIndexOf("<form", page.indexOf("id=\"approve\"")), page.indexOf("id=\"approve\""));
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("name=\"(\\w+)\" value=\"([^\"]*)\"").matcher(form);
            StringBuilder body = new StringBuilder();
            while (m.find()) {
                body.append(body.length() == 0 ? "" : "&").append(m.group(1)).append('=')
                        .append(java.net.URLEncoder.encode(m.group(2).replace("&amp;", "&"), java.nio.charset.StandardCharsets.UTF_8));
            }
            URI post = java.net.URI.create(url).resolve("/login/oauth/authorize");
            http.send(java.net.http.HttpRequest.newBuilder(post).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(body.toString())).build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding());
        } catch (java.io.IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Runnable vm0(OAuthWizardViewModel[] vm, java.util.function.Consumer<OAuthWizardViewModel> f) {
        return () -> f.accept(vm[0]);
    }

    private static void shoot(Stage stage, Path dir, String name) {
        try {
            Snapshots.writePng(stage.getScene(), dir.resolve(name + ".png"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
