package dev.hoglink;

import dev.hoglink.service.FakeInventoryService;
import dev.hoglink.service.InventoryConnection;
import dev.hoglink.service.ServiceException;
import dev.hoglink.support.DemoData;
import java.util.Optional;

/**
 * Test-only launcher for packaging/screenshots.sh: the real window over the in-memory demo organization
 * (one row fails to load, to show the error state), until the sandbox-backed service is wired in.
 */
public class ScreenshotApp extends HoglinkApp {

    @Override
    protected Optional<InventoryConnection> openConnection(GuiOptions options) {
        FakeInventoryService fake = DemoData.acme();
        fake.failProject(110, new ServiceException(ServiceException.Kind.NETWORK,
                "PostHog did not answer in time. Check the connection and retry."));
        return Optional.of(new InventoryConnection("http://127.0.0.1:8010", "Sandbox", true, fake));
    }
}
