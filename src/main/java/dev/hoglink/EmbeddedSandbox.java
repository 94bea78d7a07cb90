package dev.hoglink;

import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.service.session.SessionTraits;
import java.io.IOException;
import java.util.Optional;

/**
 * The built-in sandbox the window opens on: started on first use (off the FX thread), signed in as one of its
 * seeded roles (owner, admin, member, or {@code readonly}, a key without integration:write), with the
 * sandbox's SITE_URL recorded like a profile's site address, so the OAuth bootstrap validates against it.
 */
final class EmbeddedSandbox {

    private final SandboxOptions options;
    private volatile SandboxServer server;

    EmbeddedSandbox(SandboxOptions options) {
        this.options = options;
    }

    /** Starts the sandbox if needed and opens a session on it as {@code role}. */
    synchronized Session open(SessionFactory sessions, String role) throws IOException {
        if (server == null) {
            server = SandboxServer.start(options);
        }
        // The badge stays "Sandbox"; the status bar says who is signed in and the role, the menu ticks it.
        return sessions.open(PostHogHost.parse(server.baseUri().toString()), "Sandbox", true, server.key(role),
                new SessionTraits(false, Optional.of(server.siteUri()), role));
    }

    /** The server, once started (tests count its requests). */
    SandboxServer server() {
        return server;
    }

    void stop() {
        SandboxServer s = server;
        if (s != null) {
            s.stop();
        }
    }
}
