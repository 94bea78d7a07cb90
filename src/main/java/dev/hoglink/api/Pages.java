package dev.hoglink.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@link PostHogClient}'s answers: one JSON value, or a list over every page (PostHog's {@code results}
 * and {@code next}, a bare array, or {@code count} without {@code next}), with a page and a row cap, and next
 * links rebuilt on the configured origin so the key never goes elsewhere.
 */
final class Pages {

    private static final Logger LOGGER = LoggerFactory.getLogger(PostHogClient.class);

    private final URI base;
    private final ObjectMapper mapper;
    private final Transport transport;
    private final long maxListBytes;

    Pages(URI base, ObjectMapper mapper, Transport transport, long maxListBytes) {
        this.base = base;
        this.mapper = mapper;
        this.transport = transport;
        this.maxListBytes = maxListBytes;
    }

    <T> List<T> getAll(String firstPath, Class<T> type, int maxPages, boolean cursor) {
        return getAll(firstPath, type, maxPages, cursor, page -> { });
    }

    <T> List<T> getAll(String firstPath, Class<T> type, int maxPages, boolean cursor,
                               java.util.function.Consumer<List<T>> onPage) {
        return read(firstPath, type, maxPages, cursor, onPage, () -> false, true).rows();
    }

    /**
     * A list's first page, asked once ({@link Transport#exchange(String, URI, byte[], boolean)} without waiting): for a
     * read whose answer is only a nicety, which PostHog's throttle or a failure should end at once, not hold up.
     */
    <T> List<T> firstPageOnce(String firstPath, Class<T> type, boolean cursor) {
        return getAllOnce(firstPath, type, 1, cursor);
    }

    /**
     * Every page of a list, as {@link #getAll(String, Class, int, boolean)}, each asked once without waiting (as
     * {@link #firstPageOnce}): for a read after a change already made, which only words its result.
     */
    <T> List<T> getAllOnce(String firstPath, Class<T> type, int maxPages, boolean cursor) {
        return read(firstPath, type, maxPages, cursor, page -> { }, () -> false, false).rows();
    }

    /** What a list read gave, and whether it stopped with more pages left (page cap or time up). */
    record Read<T>(List<T> rows, boolean cut) {
    }

    /**
     * A cursor list read page by page until it ends, {@code maxPages} are read or {@code timeUp} says so before
     * the next page; {@link Read#cut()} tells whether pages were left.
     */
    <T> Read<T> readCursor(String firstPath, Class<T> type, int maxPages, java.util.function.BooleanSupplier timeUp) {
        return read(firstPath, type, maxPages, true, page -> { }, timeUp, true);
    }

    private <T> Read<T> read(String firstPath, Class<T> type, int maxPages, boolean cursor,
                             java.util.function.Consumer<List<T>> onPage, java.util.function.BooleanSupplier timeUp,
                             boolean waits) {
        URI uri = resolve(firstPath);
        List<T> all = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        seen.add(uri);
        int emptyWithNext = 0;
        long bytes = 0;
        for (int page = 0; page < maxPages; page++) {
            Transport.Answer a = transport.exchange("GET", uri, null, waits);
            // Each answer is capped (8 MB), and the rows kept hold about what was read: over a thousand pages that
            // is gigabytes, so the pages of one list share a budget too (far above any real list: NH12).
            bytes += a.body().length;
            if (bytes > maxListBytes) {
                LOGGER.warn("{} -> more than {} bytes over {} pages; stopping", a.request(), maxListBytes, page + 1);
                if (cursor) {
                    return new Read<>(all, true);
                }
                throw new InvalidResponseException(a.request() + " -> list over " + maxListBytes + " bytes",
                        NetworkFailure.LIST_TOO_LARGE, base, NetworkFailure.size(maxListBytes), a.status(), null);
            }
            JsonNode node = decode(a, mapper.constructType(JsonNode.class));
            if (node.isArray()) {
                addAll(all, node, type, a);
                onPage.accept(List.copyOf(all));
                return new Read<>(all, false);
            }
            JsonNode results = node.get("results");
            if (!node.isObject() || results == null || !results.isArray()) {
                throw unusable(a, NetworkFailure.WRONG_SHAPE, "a list with 'results'", null);
            }
            int before = all.size();
            addAll(all, results, type, a);
            onPage.accept(List.copyOf(all.subList(before, all.size())));
            JsonNode next = node.get("next");
            URI nextUri = null;
            if (next != null && next.isTextual() && !next.asText().isBlank()) {
                nextUri = pageUri(next.asText(), a);
            } else if (!cursor && next == null && node.path("count").canConvertToLong()
                    && all.size() < node.path("count").asLong() && !results.isEmpty()) {
                // No 'next' field at all, but 'count' says there is more: continue by offset.
                nextUri = withOffset(uri, all.size());
            }
            if (nextUri == null) {
                return new Read<>(all, false);
            }
            // DRF's pagination never links back (limit/offset: the next offset is always larger; cursor: a position
            // further on), and never puts 'next' on an empty page but once, when rows went between its count and its
            // slice (docs/api-notes.md NH10). A loop or a run of empty pages is a broken server: stop, and do not
            // pass the rows read so far off as the whole list.
            emptyWithNext = results.isEmpty() ? emptyWithNext + 1 : 0;
            if (!seen.add(nextUri) || emptyWithNext > 1) {
                String why = emptyWithNext > 1 ? "empty pages that still link on" : "a page it had already sent";
                LOGGER.warn("{} -> {}; stopping", a.request(), why);
                if (cursor) {
                    return new Read<>(all, true);
                }
                throw endlessPages(a.request() + " -> " + why);
            }
            if (page + 1 < maxPages && timeUp.getAsBoolean()) {
                return new Read<>(all, true);
            }
            uri = nextUri;
        }
        if (!cursor) {
            throw endlessPages(Transport.describe("GET", uri) + " more than " + maxPages + " pages");
        }
        return new Read<>(all, true);
    }

    /** A list whose 'next' links never end: stop, and say so (a cursor list is cut at its page count instead). */
    private InvalidResponseException endlessPages(String internal) {
        return new InvalidResponseException(internal, NetworkFailure.ENDLESS_PAGES, base, null, 200, null);
    }

    private <T> void addAll(List<T> into, JsonNode array, Class<T> type, Transport.Answer a) {
        for (JsonNode item : array) {
            if (item == null || item.isNull()) {
                continue;
            }
            if (into.size() >= PostHogClient.MAX_LIST_ITEMS) {
                throw new InvalidResponseException(a.request() + " -> more than " + PostHogClient.MAX_LIST_ITEMS + " rows",
                        NetworkFailure.LIST_TOO_LONG, base, String.format(java.util.Locale.ROOT, "%,d rows",
                                PostHogClient.MAX_LIST_ITEMS), a.status(), null);
            }
            try {
                into.add(mapper.treeToValue(item, type));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw unusable(a, NetworkFailure.WRONG_SHAPE, type.getSimpleName(), e);
            }
        }
    }

    /** A next-page link rebuilt on the configured origin, so the key is never sent elsewhere. */
    private URI pageUri(String next, Transport.Answer a) {
        URI u;
        try {
            u = a.uri().resolve(next.strip());
        } catch (IllegalArgumentException e) {
            throw unusable(a, NetworkFailure.WRONG_SHAPE, "a valid 'next' link", null);
        }
        if (!HostAddress.sameOrigin(u, base)) {
            LOGGER.debug("{}: next link on {}, following it on the configured host", a.request(), u.getHost());
        }
        String q = u.getRawQuery();
        return URI.create(origin() + (u.getRawPath() == null ? "" : u.getRawPath()) + (q == null ? "" : "?" + q));
    }

    private static URI withOffset(URI uri, int offset) {
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        StringBuilder nq = new StringBuilder();
        for (String part : q.split("&")) {
            if (!part.isEmpty() && !part.startsWith("offset=")) {
                nq.append(nq.length() == 0 ? "" : "&").append(part);
            }
        }
        nq.append(nq.length() == 0 ? "" : "&").append("offset=").append(offset);
        String s = uri.toString();
        int qi = s.indexOf('?');
        return URI.create((qi < 0 ? s : s.substring(0, qi)) + "?" + nq);
    }

    <T> T decode(Transport.Answer a, JavaType type) {
        if (a.status() != 200) {
            throw Transport.unexpectedStatus(a.request(), a.status(), base);
        }
        if (a.body().length == 0) {
            throw unusable(a, NetworkFailure.MALFORMED_JSON, "JSON", null);
        }
        ErrorBody error = errorEnvelope(a.body());
        if (error != null) {
            // An error PostHog answered with 200 (NF3): never read as an empty list or object.
            LOGGER.debug("{}: 200 carrying PostHog's error envelope ({})", a.request(), error.type());
            throw ServerException.inSuccessfulAnswer(a.request(), a.status(), error.code(), error.detail(), error.attr());
        }
        try {
            T value = mapper.readValue(a.body(), type);
            if (value == null) {
                throw unusable(a, NetworkFailure.WRONG_SHAPE, type.getRawClass().getSimpleName(), null);
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw unusable(a, unreadable(a, e), type.getRawClass().getSimpleName(), e);
        }
    }

    /**
     * PostHog's error envelope, exactly: an object with {@code type}, {@code code}, {@code detail} and {@code attr}
     * and nothing else, its {@code type} one of drf-exceptions-hog's. Null for anything else (a DTO may well have a
     * {@code detail} of its own).
     */
    private ErrorBody errorEnvelope(byte[] body) {
        if (body[0] != '{' || body.length > 4096 || !contains(body, ATTR)) {
            return null; // pages and rows are read once; an envelope is a few hundred bytes and has "attr"
        }
        try {
            JsonNode n = mapper.readTree(body);
            if (n == null || !n.isObject() || n.size() != 4 || !n.has("code") || !n.has("detail") || !n.has("attr")
                    || !ERROR_TYPES.contains(n.path("type").asText(""))) {
                return null;
            }
            return ErrorBody.parse(mapper, body);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static final byte[] ATTR = "\"attr\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private static boolean contains(byte[] body, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= body.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (body[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /** The {@code type} values of drf-exceptions-hog's envelope (exceptions_hog/handler.py). */
    private static final java.util.Set<String> ERROR_TYPES = java.util.Set.of("server_error", "validation_error",
            "authentication_error", "invalid_request", "throttled_error", "multiple");

    private InvalidResponseException unusable(Transport.Answer a, NetworkFailure kind, String expected,
                                              Exception cause) {
        LOGGER.debug("{}: answer is not {} ({})", a.request(), expected, kind);
        return new InvalidResponseException(a.request() + " -> " + a.status() + ": body is not " + expected
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"), kind, base, null, a.status(),
                cause);
    }

    /**
     * Which kind a body that could not be read as {@code expected} is: JSON of another shape when it parsed; when it
     * did not, a cut or broken JSON body if it opens as PostHog's JSON does (an object or an array), else a page that
     * is not PostHog's (a proxy's HTML, a plain-text answer, a compressed body; whatever its Content-Type says).
     */
    private static NetworkFailure unreadable(Transport.Answer a, Exception e) {
        boolean parse = false;
        for (Throwable t = e; t != null && !parse; t = t.getCause() == t ? null : t.getCause()) {
            parse = t instanceof com.fasterxml.jackson.core.JsonParseException
                    || t instanceof com.fasterxml.jackson.databind.exc.MismatchedInputException m
                    && m.getMessage() != null && m.getMessage().startsWith("No content to map");
        }
        if (!parse) {
            return NetworkFailure.WRONG_SHAPE;
        }
        return claimsJson(a) ? NetworkFailure.MALFORMED_JSON : NetworkFailure.NOT_POSTHOG;
    }

    private static boolean claimsJson(Transport.Answer a) {
        for (byte b : a.body()) {
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return b == '{' || b == '[';
            }
        }
        return false;
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(base.toString() + pathAndQuery);
    }

    private String origin() {
        return base.getScheme() + "://" + base.getRawAuthority();
    }
}
