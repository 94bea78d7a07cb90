package dev.hoglink.ui.common;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import javafx.util.Callback;

/**
 * Builds FXML controllers (our views) with their view models and services, from suppliers registered by the
 * composition root. There is no global registry: each window gets the factory it was given, and tests
 * register fakes.
 */
public final class ControllerFactory implements Callback<Class<?>, Object> {

    private final Map<Class<?>, Supplier<?>> suppliers = new HashMap<>();

    public <T> ControllerFactory register(Class<T> type, Supplier<? extends T> supplier) {
        suppliers.put(type, supplier);
        return this;
    }

    @Override
    public Object call(Class<?> type) {
        Supplier<?> s = suppliers.get(type);
        if (s == null) {
            throw new IllegalStateException("No controller registered for " + type.getName()
                    + "; register it in the composition root");
        }
        return s.get();
    }
}
