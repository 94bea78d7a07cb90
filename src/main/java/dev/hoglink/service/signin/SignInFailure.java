package dev.hoglink.service.signin;

/**
 * A sign-in that did not complete, said plainly: what happened ({@link #problem()}) and what to do
 * ({@link #getMessage()}). Never holds a token, code or verifier.
 */
public final class SignInFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, for the UI and the CLI's exit code. */
    public enum Problem {
        /** The server has no OAuth sign-in or no dynamic registration (an older PostHog): use a personal API key. */
        NOT_OFFERED,
        /** The admin chose Deny on PostHog's consent page. */
        DENIED,
        /** The loopback port for the browser's answer could not be bound. */
        PORT_UNAVAILABLE,
        /** No answer came back from the browser in time. */
        TIMED_OUT,
        /** The answer was not for this sign-in, or PostHog refused the request. */
        REJECTED,
        /** PostHog would not exchange the code for tokens. */
        EXCHANGE_FAILED,
        /** The saved sign-in is no longer accepted (revoked, or the app's access was withdrawn): sign in again. */
        SIGNED_OUT,
        /** No saved sign-in for this connection. */
        NOT_SIGNED_IN,
        /** PostHog could not be reached or answered oddly. */
        NETWORK,
        /** The admin cancelled. */
        CANCELLED
    }

    private final Problem problem;

    public SignInFailure(Problem problem, String message) {
        super(message, null, false, false);
        this.problem = problem;
    }

    public Problem problem() {
        return problem;
    }

    /** True when a personal API key is the way forward (the server cannot do OAuth sign-in). */
    public boolean fallBackToPersonalKey() {
        return problem == Problem.NOT_OFFERED;
    }
}
