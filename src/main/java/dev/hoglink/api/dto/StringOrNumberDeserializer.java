package dev.hoglink.api.dto;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Reads an id that PostHog sends as a string or, on older rows, as a number (GitHub {@code installation_id}),
 * and normalises it to a trimmed string: {@code 12345678}, {@code "12345678"} and {@code 12345678.0} all
 * become {@code "12345678"}. A blank string becomes null.
 */
public final class StringOrNumberDeserializer extends StdScalarDeserializer<String> {

    private static final long serialVersionUID = 1L;
    /** The most digits an id written as a decimal number may expand to. */
    static final int MAX_DIGITS = 100;

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
            // 1e999999999 or 1e-999999999 would expand to a billion digits: refuse such ids before writing them out
            if (d.scale() > MAX_DIGITS || d.precision() - d.scale() > MAX_DIGITS) {
                throw InvalidFormatException.from(p, "an id with more than " + MAX_DIGITS + " digits", p.getText(),
                        String.class);
            }
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
