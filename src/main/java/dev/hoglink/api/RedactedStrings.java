package dev.hoglink.api;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import dev.hoglink.util.Redactor;
import java.io.IOException;

/** A Jackson module that passes every string read from PostHog through the {@link Redactor}. */
final class RedactedStrings extends StringDeserializer {

    private static final long serialVersionUID = 1L;
    static final SimpleModule MODULE = new SimpleModule("hoglink-redacted-strings")
            .addDeserializer(String.class, new RedactedStrings());

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        return Redactor.redact(super.deserialize(p, ctxt));
    }
}
