package dev.hoglink.ui.oauth;

import java.time.Duration;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;

/** Calls back on the UI thread at a fixed rate, to move the countdown. Tests tick it by hand. */
@FunctionalInterface
public interface Ticker {

    /** Starts calling {@code tick} every {@code period}; the returned action stops it. */
    Runnable every(Duration period, Runnable tick);

    /** The real one: a JavaFX Timeline. */
    static Ticker fx() {
        return (period, tick) -> {
            Timeline t = new Timeline(new KeyFrame(javafx.util.Duration.millis(period.toMillis()), e -> tick.run()));
            t.setCycleCount(Timeline.INDEFINITE);
            t.play();
            return t::stop;
        };
    }
}
