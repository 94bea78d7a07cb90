package dev.hoglink.ui.oauth;

import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.TaskRunner;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Open link" page's two ways to get the minted link to a browser: the system browser, started off the
 * UI thread and trusted only when the launcher confirms it, and the clipboard. A failed launch says so, with
 * what to do instead; the link's address never reaches the log. Called on the UI thread.
 */
final class LinkOpener {

    private static final Logger LOGGER = LoggerFactory.getLogger(LinkOpener.class);

    private final TaskRunner runner;
    private final BrowserLauncher browser;
    private final Consumer<String> clipboard;
    private final Supplier<OAuthService.Launch> current;
    private final Runnable opened;

    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper opening = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper launchError = new ReadOnlyStringWrapper("");

    /**
     * @param current the link now on offer (null before one is minted)
     * @param opened  what follows a launch that did not fail (the wizard moves to its waiting page)
     */
    LinkOpener(TaskRunner runner, BrowserLauncher browser, Consumer<String> clipboard,
               Supplier<OAuthService.Launch> current, Runnable opened) {
        this.runner = Objects.requireNonNull(runner);
        this.browser = Objects.requireNonNull(browser);
        this.clipboard = Objects.requireNonNull(clipboard);
        this.current = Objects.requireNonNull(current);
        this.opened = Objects.requireNonNull(opened);
    }

    /** Forgets the last attempt (a new link was minted). */
    void reset() {
        notice.set("");
        launchError.set("");
    }

    void openInBrowser() {
        OAuthService.Launch l = current.get();
        if (l == null || opening.get()) {
            return;
        }
        opening.set(true);
        launchError.set("");
        notice.set("Opening your browser…");
        runner.run(() -> browser.launch(l.url()))
                .onSuccess(how -> {
                    if (l != current.get()) {
                        return;
                    }
                    notice.set(how == BrowserLauncher.Opened.CONFIRMED
                            ? "Opened in your browser. Approve the request there."
                            : "Handed to the system to open; Hoglink cannot tell whether a browser appeared. If none "
                            + "did, go back and use Copy link.");
                    opened.run();
                })
                .onFailure(e -> {
                    String reason = BrowserLauncher.reason(e);
                    LOGGER.warn("The browser could not be opened: {}", reason);
                    notice.set("");
                    launchError.set("Your browser could not be opened: " + reason + " Copy the link and paste it "
                            + "into a browser signed in to PostHog.");
                })
                .onFinished(() -> opening.set(false));
    }

    void copyLink() {
        OAuthService.Launch l = current.get();
        if (l != null) {
            clipboard.accept(l.url().toString());
            notice.set("Link copied. Paste it into a browser signed in to PostHog.");
        }
    }

    ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty openingProperty() {
        return opening.getReadOnlyProperty();
    }

    ReadOnlyStringProperty launchErrorProperty() {
        return launchError.getReadOnlyProperty();
    }
}
