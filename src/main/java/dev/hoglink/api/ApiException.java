package dev.hoglink.api;

import dev.hoglink.util.Redactor;

/**
 * Every failure of the API layer. {@link #userMessage()} is short, safe to show, and says what to do; the
 * exception message adds the request and PostHog's {@code code}/{@code detail} for the log. All text is passed
 * through {@link Redactor}, and causes whose text carried a secret are replaced by redacted copies.
 */
public abstract sealed class ApiException extends RuntimeException
        permits AuthenticationException, PermissionException, NotFoundException, ValidationException,
        ThrottledException, ServerException, NetworkException, InvalidResponseException, InvalidHostException,
        PaymentRequiredException {

    private static final long serialVersionUID = 1L;

    /** The longest user message; server text inside one is already cut to {@link #MAX_SERVER_TEXT}. */
    static final int MAX_USER_MESSAGE = 600;
    /** The longest text kept from a server's error body field. */
    static final int MAX_SERVER_TEXT = 200;

    private final String userMessage;
    private final int status;
    private final String code;
    private final String detail;
    private final String attr;

    ApiException(String message, String userMessage, int status, String code, String detail, String attr,
            Throwable cause) {
        super(Redactor.redact(message), SafeThrowables.sanitize(cause));
        this.userMessage = plain(Redactor.redact(userMessage), MAX_USER_MESSAGE);
        this.status = status;
        this.code = Redactor.redact(code);
        this.detail = Redactor.redact(detail);
        this.attr = Redactor.redact(attr);
    }

    /** What to tell the user, including what to do next. */
    public String userMessage() {
        return userMessage;
    }

    /** The HTTP status, or 0 when no answer arrived (network, host and client-side failures). */
    public int status() {
        return status;
    }

    /** PostHog's error {@code code} (e.g. {@code permission_denied}), or null. */
    public String code() {
        return code;
    }

    /** PostHog's {@code detail}, redacted, or null. */
    public String detail() {
        return detail;
    }

    /** PostHog's {@code attr} (the field a validation error is about), or null. */
    public String attr() {
        return attr;
    }

    /**
     * One line of plain text: control, format (e.g. bidi overrides), line-separator characters and halves of
     * broken surrogate pairs become
     * spaces, runs of whitespace one space, and longer text is cut to {@code max} characters ending in an
     * ellipsis.
     */
    static String plain(String text, int max) {
        if (text == null) {
            return null;
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), max + 1));
        boolean space = false;
        for (int i = 0; i < text.length() && sb.length() <= max; i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean pair = Character.isHighSurrogate(c) && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1));
            if (pair) {
                if (space && sb.length() > 0) {
                    sb.append(' ');
                }
                space = false;
                sb.append(c).append(text.charAt(++i));
                continue;
            }
            boolean blank = Character.isSurrogate(c) || Character.isWhitespace(c) || Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                    || type == Character.SPACE_SEPARATOR;
            if (blank) {
                space = true;
                continue;
            }
            if (space && sb.length() > 0) {
                sb.append(' ');
            }
            space = false;
            sb.append(c);
        }
        if (sb.length() > max) {
            int cut = max - 1;
            if (Character.isLowSurrogate(sb.charAt(cut)) && cut > 0) {
                cut--;
            }
            sb.setLength(cut);
            sb.append('\u2026');
        }
        return sb.toString();
    }

    /** One line for logs: the message plus the user message. */
    static String describe(String request, int status, String code, String detail) {
        StringBuilder sb = new StringBuilder(request);
        if (status > 0) {
            sb.append(" -> ").append(status);
        }
        if (code != null) {
            sb.append(' ').append(code);
        }
        if (detail != null) {
            sb.append(": ").append(detail);
        }
        return sb.toString();
    }
}
