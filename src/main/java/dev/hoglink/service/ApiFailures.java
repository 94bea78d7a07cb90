package dev.hoglink.service;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.AuthenticationException;
import dev.hoglink.api.InvalidHostException;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.NotFoundException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.ServerException;
import dev.hoglink.api.ThrottledException;
import dev.hoglink.api.ValidationException;

/** Maps the client's typed failures onto the service layer's {@link ServiceException}, keeping the details. */
public final class ApiFailures {

    private ApiFailures() {
    }

    public static ServiceException toService(ApiException e) {
        ServiceException.Kind kind;
        String scope = null;
        java.time.Duration retryAfter = null;
        if (e instanceof AuthenticationException) {
            kind = ServiceException.Kind.AUTH;
        } else if (e instanceof PermissionException p) {
            kind = ServiceException.Kind.PERMISSION;
            scope = p.missingScope();
        } else if (e instanceof NotFoundException) {
            kind = ServiceException.Kind.NOT_FOUND;
        } else if (e instanceof ValidationException || e instanceof InvalidHostException) {
            kind = ServiceException.Kind.VALIDATION;
        } else if (e instanceof ThrottledException t) {
            kind = ServiceException.Kind.THROTTLED;
            retryAfter = t.retryAfter();
        } else if (e instanceof ServerException) {
            kind = ServiceException.Kind.SERVER;
        } else if (e instanceof NetworkException) {
            kind = ServiceException.Kind.NETWORK;
        } else if (e instanceof InvalidResponseException) {
            kind = ServiceException.Kind.INVALID_RESPONSE;
        } else {
            kind = ServiceException.Kind.SERVER;
        }
        return new ServiceException(kind, e.userMessage(), e.code(), scope, retryAfter, e);
    }

    /** Runs a client call, translating its failure. */
    public static <T> T call(java.util.function.Supplier<T> call) {
        try {
            return call.get();
        } catch (ApiException e) {
            throw toService(e);
        }
    }
}
