package dev.hoglink.ui.common;

import java.util.function.Function;
import javafx.util.StringConverter;

/** The text a picker shows for its items (empty for none); the pickers are not typed into, so nothing is parsed back. */
public final class DisplayConverter {

    private DisplayConverter() {
    }

    public static <T> StringConverter<T> of(Function<T, String> text) {
        return new StringConverter<>() {
            @Override
            public String toString(T t) {
                return t == null ? "" : text.apply(t);
            }

            @Override
            public T fromString(String s) {
                return null;
            }
        };
    }
}
