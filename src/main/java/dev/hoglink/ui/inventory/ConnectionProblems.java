package dev.hoglink.ui.inventory;

import dev.hoglink.service.ServiceException;

/** Problems that concern the whole connection (a rejected key, a missing scope): the flag and the banner. */
final class ConnectionProblems {

    private ConnectionProblems() {
    }

    static void note(InventoryViewModel vm, ServiceException e) {
        if (e.kind() == ServiceException.Kind.AUTH) {
            vm.needsNewKey.set(true);
            vm.banner("PostHog rejected the API key",
                    "The key was revoked, expired or mistyped. Enter a new key to continue; nothing else changes.");
        } else if (e.kind() == ServiceException.Kind.PERMISSION && e.missingScope().isPresent()) {
            String scope = e.missingScope().get();
            vm.missingScope.set(scope);
            vm.banner("The API key lacks the scope " + scope,
                    "Hoglink needs " + scope + " for this. Create a personal API key that includes it, then enter it here.");
        }
    }
}
