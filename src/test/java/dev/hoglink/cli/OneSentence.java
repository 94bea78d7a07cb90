package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.hoglink.api.ApiException;
import dev.hoglink.service.ApiFailures;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.connection.ConnectionService;

/** Checks that one failure reads one way: in a project's row, above everything and on the command line. */
final class OneSentence {

    private OneSentence() {
    }

    /**
     * The row's text ({@code e}'s, as the inventory's rows, a bulk result and the detail pane show it), the connection
     * dialog's ({@code test}, a failed connection test) and {@code hoglink audit}'s must be one sentence without the
     * canary key; it is returned.
     */
    static String of(PostHogHost host, ApiException e, ConnectionService.Result test) {
        ServiceException row = ApiFailures.toService(e);
        String topText = assertInstanceOf(ConnectionService.Failed.class, test).message().text();
        assertEquals(topText, row.userMessage(), "a row and the message above everything");
        assertEquals(topText, e.userMessage());
        assertEquals(topText, AuditCommand.describe(host, row), "the command line");
        assertFalse(topText.contains("CANARY"), topText);
        assertFalse(String.valueOf(e.getMessage()).contains("CANARY"), e.getMessage());
        return topText;
    }
}
