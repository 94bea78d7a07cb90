package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.hoglink.model.Capabilities;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.ForwardingInventoryService;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/** Reading the credential again after a refusal asks nothing of it on the UI thread. */
class ProjectPermissionsThreadTest {

    /** Runs the work inline, marked as off the UI thread; the callbacks run unmarked, as on the UI thread. */
    private static final class MarkingRunner implements TaskRunner {
        boolean onWorker;

        private final SameThreadTaskRunner inline = new SameThreadTaskRunner();

        @Override
        public <T> TaskHandle<T> run(Callable<T> work) {
            return inline.run(() -> {
                onWorker = true;
                try {
                    return work.call();
                } finally {
                    onWorker = false;
                }
            });
        }
    }

    @Test
    void aRereadAsksWhetherItIsASignInOffTheUiThread() {
        MarkingRunner runner = new MarkingRunner();
        List<String> uiThreadCalls = new ArrayList<>();
        // A sign-in's answer comes from its session, whose lock a renewal holds while the network is slow.
        ForwardingInventoryService signIn = new ForwardingInventoryService(null) {
            @Override
            public Optional<Boolean> keyCanWriteIntegrations() {
                if (!runner.onWorker) {
                    uiThreadCalls.add("keyCanWriteIntegrations");
                }
                return Optional.of(false);
            }

            @Override
            public boolean signedInWithPostHog() {
                if (!runner.onWorker) {
                    uiThreadCalls.add("signedInWithPostHog");
                }
                return true;
            }
        };
        ProjectPermissions permissions = new ProjectPermissions(runner, new SimpleObjectProperty<>());
        permissions.read(signIn, new Organization("org", "Acme", "acme", Organization.ADMIN));
        permissions.reread();
        assertFalse(uiThreadCalls.contains("signedInWithPostHog"), uiThreadCalls.toString());
        assertEquals(Capabilities.READ_ONLY_SIGN_IN, permissions.capabilities().readOnlyReason());
    }

    /**
     * A key limited to projects cannot read its own scopes (docs/api-notes.md N10): PostHog's refusal for a missing
     * integration:write is then the only word on it, and it holds for every project until the organization loads
     * again.
     */
    @Test
    void aRefusalForMissingWriteTurnsEveryChangeOffUntilTheNextLoadEvenWhenTheScopesCannotBeRead() throws Exception {
        ForwardingInventoryService unreadable = new ForwardingInventoryService(null) {
            @Override
            public Optional<Boolean> keyCanWriteIntegrations() {
                return Optional.empty();
            }

            @Override
            public boolean signedInWithPostHog() {
                return false;
            }
        };
        SimpleObjectProperty<ProjectRowViewModel> selected = new SimpleObjectProperty<>();
        ProjectPermissions permissions = new ProjectPermissions(new SameThreadTaskRunner(), selected);
        Organization acme = new Organization("org", "Acme", "acme", Organization.ADMIN);
        permissions.read(unreadable, acme);
        assertEquals(true, permissions.capabilities().link(null).allowed(), "unknown scopes: PostHog decides");

        permissions.refusedForMissingWrite();
        for (Capabilities.Decision d : List.of(permissions.capabilities().link(null),
                permissions.capabilities().unlink(null), permissions.capabilities().startOAuth(null))) {
            assertFalse(d.allowed());
            assertEquals(Capabilities.READ_ONLY, d.why());
        }
        permissions.reread();
        assertFalse(permissions.capabilities().link(null).allowed(), "a re-read that learns nothing keeps the refusal");

        permissions.read(unreadable, acme); // Reload: the organization and its projects read again
        permissions.readingScopes(unreadable, () -> List.of());
        assertEquals(true, permissions.capabilities().link(null).allowed(), "after a load PostHog decides again");
    }

    /** A member links only with a personal GitHub account (NJ3): the window asks once, for members only. */
    @Test
    void aMemberWithoutAPersonalGitHubLinkIsToldBeforeLinkingAndAnAdminIsNotAsked() {
        List<String> asked = new ArrayList<>();
        ForwardingInventoryService noLink = new ForwardingInventoryService(null) {
            @Override
            public Optional<Boolean> hasPersonalGitHub() {
                asked.add("personal GitHub");
                return Optional.of(false);
            }
        };
        ProjectPermissions permissions = new ProjectPermissions(new SameThreadTaskRunner(), new SimpleObjectProperty<>());
        permissions.read(noLink, new Organization("org", "Acme", "acme", Organization.ADMIN));
        assertEquals(List.of(), asked, "an admin links without one: nothing is asked");
        assertEquals(true, permissions.capabilities().link(null).allowed());

        permissions.read(noLink, new Organization("org", "Acme", "acme", Organization.MEMBER));
        assertEquals(List.of("personal GitHub"), asked);
        Capabilities.Decision link = permissions.capabilities().link(null);
        assertFalse(link.allowed());
        assertEquals("Link existing installation needs project admin or a personal GitHub account. You are a "
                + "member of Acme, not an admin. No personal GitHub account is linked. Link yours in PostHog: "
                + "Settings › Personal integrations.", link.why());
        assertEquals(link.why().replace(" You are", " Manage on GitHub and Unlink need project admin. You are"),
                permissions.capabilities().refusedNote(null), "the note under the buttons says the same need");

        permissions.read(noLink, new Organization("org2", "Globex", "globex", Organization.ADMIN));
        assertEquals(true, permissions.capabilities().link(null).allowed(), "another organization: not carried over");
    }
}
