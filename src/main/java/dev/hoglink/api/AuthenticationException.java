package dev.hoglink.api;

/** 401: the key was refused (revoked, mistyped or missing). */
public final class AuthenticationException extends ApiException {

    private static final long serialVersionUID = 1L;
    static final String USER_MESSAGE =
            "The API key was refused. It may be revoked or mistyped: paste a new personal API key.";

    AuthenticationException(String request, String code, String detail, String attr) {
        super(describe(request, 401, code, detail), USER_MESSAGE, 401, code, detail, attr, null);
    }
}
