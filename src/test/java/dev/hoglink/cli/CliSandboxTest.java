package dev.hoglink.cli;

import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh in-process sandbox and an empty home folder for each test of a command. */
abstract class CliSandboxTest {

    @TempDir
    Path home;

    SandboxServer server;

    @BeforeEach
    void startSandbox() throws Exception {
        server = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stopSandbox() {
        server.stop();
    }
}
