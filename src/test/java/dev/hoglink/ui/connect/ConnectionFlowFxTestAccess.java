package dev.hoglink.ui.connect;

/** The connection tests' app (a memory keyring), for window tests in other packages. */
public final class ConnectionFlowFxTestAccess {

    private ConnectionFlowFxTestAccess() {
    }

    public static Class<? extends javafx.application.Application> appClass() {
        ConnectionFlowFxTest.TestApp.keyringMissing = false;
        return ConnectionFlowFxTest.TestApp.class;
    }
}
