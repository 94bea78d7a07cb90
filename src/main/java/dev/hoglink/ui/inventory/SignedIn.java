package dev.hoglink.ui.inventory;

import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.InventoryService;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Who the connection's key belongs to (PostHog's /api/users/@me/) and their role in the chosen organization
 * (its membership level), as one line for the main window: "Ada Lovelace <ada@acme.io> · Owner of Acme".
 */
final class SignedIn {

    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(SignedIn.class);

    private final ReadOnlyStringWrapper user = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper mode = new ReadOnlyStringWrapper("");
    private final StringBinding text;

    SignedIn(ObjectProperty<Organization> organization) {
        this.text = Bindings.createStringBinding(() -> {
            String who = user.get();
            Organization o = organization.get();
            if (who.isEmpty()) {
                return "";
            }
            String line = o == null ? who : who + " · " + role(o.membershipLevel()) + " of " + o.name();
            // The read-only mark first: when the window is narrow the label gives way at its end, and the mark
            // is what an admin must not miss.
            return mode.get().isEmpty() ? line : capitalized(mode.get()) + " · " + line;
        }, user, organization, mode);
    }

    /** "read-only connection", "read-only key" or "read-only sign-in" when no change can be sent, else empty. */
    static String modeOf(dev.hoglink.model.Capabilities c) {
        if (c.connectionReadOnly()) {
            return "read-only connection";
        }
        if (c.keyCanWrite().isPresent() && !c.keyCanWrite().get()) {
            return c.signedInWithPostHog() ? "read-only sign-in" : "read-only key";
        }
        return "";
    }

    private static String capitalized(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    void mode(String text) {
        mode.set(text == null ? "" : text);
    }

    static String role(int level) {
        return level >= Organization.OWNER ? "Owner" : level >= Organization.ADMIN ? "Admin" : "Member";
    }

    /**
     * Off the UI thread: the organizations, and into {@code who[0]} the key's user. A failure to read the user
     * leaves it empty (the window just does not name anyone); it never fails the organizations.
     */
    static java.util.List<Organization> andWho(InventoryService service, String[] who) {
        java.util.List<Organization> orgs = service.organizations();
        try {
            String u = service.currentUser();
            who[0] = u == null ? "" : u;
            if (who.length > 1) {
                who[1] = service.currentUserId();
            }
        } catch (RuntimeException e) {
            LOGGER.info("Could not read who the key belongs to: {}", e.getMessage());
        }
        return orgs;
    }

    void set(String who) {
        user.set(who == null ? "" : who);
    }

    void clear() {
        user.set("");
    }

    StringBinding text() {
        return text;
    }
}
