package dev.hoglink.hardening;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Makes fuzzed response bodies from a valid fixture: the same (fixture, mutation, seed) always gives the same
 * bytes, so a failing case can be replayed from the seed in its test name.
 */
final class Bodies {

    /** How a valid body is broken. */
    enum Mutation {
        VALID, TRUNCATED, WRONG_TYPE, NULLS_EVERYWHERE, HUGE_STRING, HUGE_ARRAY, CONTROL_CHARS, INVALID_UTF8,
        DEEP_NESTING, RANDOM_BYTES, EMPTY, TEN_MB, HUGE_NUMBERS, SCALAR_ROOT, CANARY_ECHO,
        /** Every id (digit string or integer) becomes 1e999999999, -1e999999999 or 1e-999999999, by seed. */
        ID_EXPONENTS
    }

    static final int TEN_MB = 10 * 1024 * 1024;
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private Bodies() {
    }

    static byte[] make(Endpoint endpoint, Mutation m, long seed, String base) {
        Random r = new Random(seed);
        String text = fixture(endpoint.fixture).replace("{{base}}", base);
        byte[] valid = text.getBytes(StandardCharsets.UTF_8);
        return switch (m) {
            case VALID -> valid;
            case TRUNCATED -> java.util.Arrays.copyOf(valid, r.nextInt(valid.length));
            case WRONG_TYPE -> bytes(eachSlot(tree(text), r, 1 + r.nextInt(3), (slot) -> slot.set(wrongValue(r))));
            case NULLS_EVERYWHERE -> bytes(nulls(tree(text), r, 0.3 + 0.7 * r.nextDouble()));
            case HUGE_STRING -> bytes(eachSlot(tree(text), r, 1 + r.nextInt(2),
                    slot -> slot.set(F.textNode(hugeString(r, 20_000 + r.nextInt(500_000))))));
            case HUGE_ARRAY -> bytes(hugeArray(tree(text), r));
            case CONTROL_CHARS -> controlChars(text, r);
            case INVALID_UTF8 -> invalidUtf8(valid, r);
            case DEEP_NESTING -> deepNesting(text, r);
            case RANDOM_BYTES -> randomBytes(r);
            case EMPTY -> r.nextBoolean() ? new byte[0] : " \r\n\t ".getBytes(StandardCharsets.US_ASCII);
            case TEN_MB -> tenMegabytes(text, r);
            case HUGE_NUMBERS -> hugeNumbers(text, r);
            case SCALAR_ROOT -> scalarRoot(r);
            case CANARY_ECHO -> bytes(canary(tree(text)));
            case ID_EXPONENTS -> idExponents(text, HUGE[(int) Math.floorMod(seed, 3L)]);
        };
    }

    // ------------------------------------------------------------------ tree helpers

    /** A place in a JSON tree that holds a value: a field of an object or an element of an array. */
    record Slot(JsonNode parent, String field, int index) {
        void set(JsonNode v) {
            if (parent instanceof ObjectNode o) {
                o.set(field, v);
            } else {
                ((ArrayNode) parent).set(index, v);
            }
        }
    }

    static String fixture(String name) {
        try (InputStream in = Bodies.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid body as the last page of its list: {@code next} null when it is a page with a next link. */
    static byte[] lastPage(byte[] valid) {
        JsonNode n = tree(new String(valid, StandardCharsets.UTF_8));
        if (n instanceof ObjectNode o && o.has("next")) {
            o.putNull("next");
            return bytes(o);
        }
        return valid;
    }

    private static JsonNode tree(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Slot> slots(JsonNode root) {
        List<Slot> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(JsonNode n, List<Slot> out) {
        if (n instanceof ObjectNode o) {
            for (Iterator<Map.Entry<String, JsonNode>> it = o.fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> e = it.next();
                out.add(new Slot(o, e.getKey(), -1));
                collect(e.getValue(), out);
            }
        } else if (n instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                out.add(new Slot(a, null, i));
                collect(a.get(i), out);
            }
        }
    }

    private static JsonNode eachSlot(JsonNode root, Random r, int times, Consumer<Slot> change) {
        for (int i = 0; i < times; i++) {
            List<Slot> all = slots(root);
            if (all.isEmpty()) {
                return root;
            }
            change.accept(all.get(r.nextInt(all.size())));
        }
        return root;
    }

    private static JsonNode wrongValue(Random r) {
        return switch (r.nextInt(14)) {
            case 0 -> F.textNode("not-a-" + r.nextInt(100));
            case 1 -> F.numberNode(r.nextLong());
            case 2 -> F.numberNode(r.nextDouble() * 1e6 - 5e5);
            case 3 -> F.booleanNode(r.nextBoolean());
            case 4 -> F.arrayNode();
            case 5 -> F.objectNode();
            case 6 -> F.arrayNode().add(1).add("a").addNull().add(F.objectNode());
            case 7 -> F.objectNode().set("a", F.objectNode().put("b", 1));
            case 8 -> F.nullNode();
            case 9 -> F.textNode("");
            case 10 -> F.numberNode(new BigDecimal("1e999999999"));
            case 11 -> F.numberNode(new java.math.BigInteger("123456789012345678901234567890123456789"));
            case 12 -> F.textNode("2026-13-45T99:99:99Z");
            default -> F.textNode("\u0000\u202e\ud83d\udc37" + r.nextInt());
        };
    }

    private static JsonNode nulls(JsonNode root, Random r, double p) {
        for (Slot s : slots(root)) {
            if (r.nextDouble() < p) {
                s.set(F.nullNode());
            }
        }
        return root;
    }

    private static String hugeString(Random r, int length) {
        StringBuilder sb = new StringBuilder(length);
        String alphabet = "abcXYZ019 \"\\/\u00e9\u4e2d\ud83d\udc37\n\t\u0001";
        while (sb.length() < length) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /** Replaces an array (the list of a page when there is one) by a huge one; may also promise endless pages. */
    private static JsonNode hugeArray(JsonNode root, Random r) {
        int n = 5_000 + r.nextInt(45_000);
        JsonNode element = switch (r.nextInt(4)) {
            case 0 -> F.objectNode();
            case 1 -> F.nullNode();
            case 2 -> F.numberNode(1);
            default -> null;
        };
        ArrayNode target = null;
        for (Slot s : slots(root)) {
            JsonNode v = s.parent() instanceof ObjectNode o ? o.get(s.field()) : s.parent().get(s.index());
            if (v instanceof ArrayNode a && (target == null || !a.isEmpty() && target.isEmpty())) {
                target = a;
            }
        }
        if (root instanceof ArrayNode a) {
            target = a;
        }
        if (target == null && root instanceof ObjectNode o) {
            target = o.putArray("results");
        }
        JsonNode proto = element != null ? element : target.isEmpty() ? F.objectNode() : target.get(0).deepCopy();
        target.removeAll();
        for (int i = 0; i < n; i++) {
            target.add(proto);
        }
        if (root instanceof ObjectNode o && o.has("results") && r.nextBoolean()) {
            o.remove("next");
            o.put("count", 1_000_000_000L);
        }
        return root;
    }

    private static byte[] controlChars(String text, Random r) {
        if (r.nextBoolean()) {
            // valid JSON whose strings hold escaped control characters
            JsonNode root = tree(text);
            for (Slot s : slots(root)) {
                JsonNode v = s.parent() instanceof ObjectNode o ? o.get(s.field()) : s.parent().get(s.index());
                if (v != null && v.isTextual()) {
                    StringBuilder sb = new StringBuilder(v.asText());
                    sb.insert(r.nextInt(sb.length() + 1), (char) r.nextInt(0x20));
                    sb.append('\u007f').append('\u2028').append('\u0000');
                    s.set(F.textNode(sb.toString()));
                }
            }
            return bytes(root);
        }
        // raw control bytes spliced anywhere (mostly invalid JSON)
        StringBuilder sb = new StringBuilder(text);
        int k = 1 + r.nextInt(20);
        for (int i = 0; i < k; i++) {
            sb.insert(r.nextInt(sb.length() + 1), (char) (r.nextInt(0x20)));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static final byte[][] BAD_UTF8 = {
        {(byte) 0x80}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xFF}, {(byte) 0xFE, (byte) 0xFF},
        {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8, (byte) 0x88, (byte) 0x80, (byte) 0x80, (byte) 0x80},
        {(byte) 0xE2, (byte) 0x82}, {(byte) 0xF4, (byte) 0x90, (byte) 0x80, (byte) 0x80}
    };

    private static byte[] invalidUtf8(byte[] valid, Random r) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> quotes = new ArrayList<>();
        for (int i = 0; i < valid.length; i++) {
            if (valid[i] == '"') {
                quotes.add(i);
            }
        }
        int at = quotes.isEmpty() ? r.nextInt(valid.length + 1) : quotes.get(r.nextInt(quotes.size())) + 1;
        out.write(valid, 0, at);
        byte[] bad = BAD_UTF8[r.nextInt(BAD_UTF8.length)];
        out.write(bad, 0, bad.length);
        out.write(valid, at, valid.length - at);
        return out.toByteArray();
    }

    private static byte[] deepNesting(String text, Random r) {
        int depth = r.nextBoolean() ? 10_000 : 500 + r.nextInt(20_000);
        boolean arrays = r.nextBoolean();
        boolean closed = r.nextInt(4) != 0;
        StringBuilder deep = new StringBuilder(depth * 6);
        for (int i = 0; i < depth; i++) {
            deep.append(arrays ? "[" : "{\"a\":");
        }
        deep.append("1");
        if (closed) {
            for (int i = 0; i < depth; i++) {
                deep.append(arrays ? ']' : '}');
            }
        }
        if (r.nextBoolean()) {
            return deep.toString().getBytes(StandardCharsets.UTF_8);
        }
        // the deep value inside a field of the valid body
        JsonNode root = eachSlot(tree(text), r, 1, s -> s.set(F.textNode("__DEEP__")));
        return new String(bytes(root), StandardCharsets.UTF_8).replace("\"__DEEP__\"", deep)
                .getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] randomBytes(Random r) {
        byte[] b = new byte[r.nextInt(4096)];
        r.nextBytes(b);
        if (b.length > 0 && r.nextBoolean()) {
            b[0] = (byte) (r.nextBoolean() ? '{' : '[');
        }
        return b;
    }

    private static byte[] tenMegabytes(String text, Random r) {
        byte[] out = new byte[TEN_MB + r.nextInt(1024)];
        byte[] head = (r.nextBoolean() ? "{\"results\":[" : "{\"detail\":\"").getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(head, 0, out, 0, head.length);
        java.util.Arrays.fill(out, head.length, out.length, (byte) 'x');
        return out;
    }

    private static final String[] HUGE = {
        "1e999999999", "-1e999999999", "1e-999999999", "123456789012345678901234567890", "1e400",
        "-0.0000000000000000000000000001", "99999999999999999999.5", "1" + "0".repeat(900)
    };

    /** Ids (digit strings and integers) sent as numbers with a huge exponent: "12345678" becomes 1e999999999. */
    private static byte[] idExponents(String text, String token) {
        JsonNode root = tree(text);
        for (Slot s : slots(root)) {
            JsonNode v = s.parent() instanceof ObjectNode o ? o.get(s.field()) : s.parent().get(s.index());
            if (v != null && (v.isIntegralNumber() || v.isTextual() && v.asText().matches("\\d{1,30}"))) {
                s.set(F.numberNode(new BigDecimal(token)));
            }
        }
        return bytes(root);
    }

    /** Numbers too large for their types, and long digit runs inside strings ("available in 10…0 seconds"). */
    private static byte[] hugeNumbers(String text, Random r) {
        StringBuilder sb = new StringBuilder(text.length() * 2);
        boolean inString = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '"' && (i == 0 || text.charAt(i - 1) != '\\')) {
                inString = !inString;
                sb.append(c);
            } else if (Character.isDigit(c) && (i == 0 || !Character.isLetterOrDigit(text.charAt(i - 1))
                    && text.charAt(i - 1) != '.' && text.charAt(i - 1) != '-')) {
                int j = i;
                while (j < text.length() && (Character.isDigit(text.charAt(j)) || text.charAt(j) == '.')) {
                    j++;
                }
                sb.append(inString ? "9".repeat(20 + r.nextInt(40)) : HUGE[r.nextInt(HUGE.length)]);
                i = j - 1;
            } else {
                sb.append(c);
            }
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] scalarRoot(Random r) {
        String[] roots = {"null", "0", "\"x\"", "true", "[]", "[null]", "{}", "\"\"", "[[]]", "{\"results\":null}",
            "{\"results\":{}}", "{\"next\":1,\"results\":[]}", "{\"detail\":null,\"code\":null}", "{\"detail\":[]}"};
        return roots[r.nextInt(roots.length)].getBytes(StandardCharsets.UTF_8);
    }

    /** Every string holds the canary, the way a careless server echoes the request's key. */
    private static JsonNode canary(JsonNode root) {
        for (Slot s : slots(root)) {
            JsonNode v = s.parent() instanceof ObjectNode o ? o.get(s.field()) : s.parent().get(s.index());
            if (v != null && (v.isTextual() || v.isNull())) {
                s.set(F.textNode("bad key " + Canary.KEY + " (Bearer " + Canary.KEY + ") available in 1 second"));
            }
        }
        return root;
    }
}
