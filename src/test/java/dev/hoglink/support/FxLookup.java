package dev.hoglink.support;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;
import javafx.scene.Node;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Lookups made on the FX thread. A TestFX lookup from the test thread walks windows and child lists that the FX
 * thread may be changing at that moment (a dialog closing, cells being replaced) and can then throw
 * {@code IndexOutOfBoundsException}; the same lookup run on the FX thread sees one consistent scene graph.
 */
public final class FxLookup {

    private FxLookup() {
    }

    /** What {@code work} returns, computed on the FX thread; its exception, rethrown as is when unchecked. */
    public static <T> T onFx(Callable<T> work) {
        try {
            if (Platform.isFxApplicationThread()) {
                return work.call();
            }
            return WaitForAsyncUtils.asyncFx(work).get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw dev.hoglink.util.Futures.unwrap(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("the FX thread did not answer a lookup in 10 s", e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The node {@code query} finds in the showing windows, looked up on the FX thread. */
    public static <T extends Node> T query(FxRobot robot, String query) {
        return onFx(() -> robot.lookup(query).<T>query());
    }
}
