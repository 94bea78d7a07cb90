package dev.hoglink.api.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads an id that PostHog sends as a string or, on older rows, as a number (GitHub {@code installation_id}),
 * and normalises it to a trimmed string: {@code 12345678}, {@code "12345678"} and {@code 12345678.0} all
 * become {@code "12345678"}. A blank string becomes null.
 */
public final class StringOrNumberDeserializer extends StdScalarDeserializer<String> {

    private static final long serialVersionUID = 1L;

    public StringOrNumberDeserializer() {
        super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.VALUE_STRING) {
            String s = p.getText().trim();
            return s.isEmpty() ? null : s;
        }
        if (t == JsonToken.VALUE_NUMBER_INT) {
            return p.getBigIntegerValue().toString();
        }
        if (t == JsonToken.VALUE_NUMBER_FLOAT) {
            BigDecimal d = p.getDecimalValue().stripTrailingZeros();
            return d.scale() <= 0 ? d.toBigIntegerExact().toString() : d.toPlainString();
        }
        if (t == JsonToken.VALUE_NULL) {
            return null;
        }
        return (String) ctxt.handleUnexpectedToken(String.class, p);
    }

    @Override
    public String getNullValue(DeserializationContext ctxt) {
        return null;
    }
}
