package dev.hoglink.service;

/** A PostHog address the user typed cannot be used; the message says what to fix. */
public class InvalidHostException extends IllegalArgumentException {

    public InvalidHostException(String message) {
        super(message);
    }
}
