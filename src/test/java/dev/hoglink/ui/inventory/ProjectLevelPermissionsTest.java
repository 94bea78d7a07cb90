package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.ForwardingInventoryService;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.util.Optional;
import javafx.beans.property.SimpleObjectProperty;
import org.junit.jupiter.api.Test;

/**
 * PostHog decides per project (docs/api-notes.md NM1): a member of the organization who is admin of one project may
 * link there without a personal GitHub link, unlink and manage it on GitHub. The window reads the selected project's
 * level for a member only, once per organization load, and the organization's level stands until it is known.
 */
class ProjectLevelPermissionsTest {

    private static final Organization ACME_MEMBER = new Organization("acme", "Acme", "acme", Organization.MEMBER);
    private static final Organization ACME_OWNER = new Organization("acme", "Acme", "acme", Organization.OWNER);

    private final FakeInventoryService fake = new FakeInventoryService();
    private final ForwardingInventoryService dee = new ForwardingInventoryService(fake) {
        @Override
        public Optional<Boolean> hasPersonalGitHub() {
            return Optional.of(false); // Dee: no personal GitHub link
        }
    };
    private final SimpleObjectProperty<ProjectRowViewModel> selected = new SimpleObjectProperty<>();
    private final ProjectPermissions permissions = new ProjectPermissions(new SameThreadTaskRunner(), selected);
    private final ProjectRowViewModel desktop = row(121, "Desktop");
    private final ProjectRowViewModel checkout = row(108, "Checkout");

    ProjectLevelPermissionsTest() {
        fake.projectLevel(121, 8).projectLevel(108, 1);
    }

    private static ProjectRowViewModel row(long id, String name) {
        return new ProjectRowViewModel(new Project(id, name, id > 300 ? "hooli" : "acme", null));
    }

    @Test
    void aMemberWhoIsAdminOfTheSelectedProjectMayLinkUnlinkAndManageThere() {
        permissions.read(dee, ACME_MEMBER);
        selected.set(desktop);
        assertEquals(8, permissions.levelOf(121));
        assertTrue(permissions.link().get().allowed(), permissions.link().get().why());
        assertTrue(permissions.unlink().get().allowed());
        assertTrue(permissions.manageOnGitHub().get().allowed());
        assertEquals("", permissions.note().get());

        selected.set(checkout);
        assertFalse(permissions.link().get().allowed());
        assertTrue(permissions.link().get().why().contains("No personal GitHub account is linked"),
                permissions.link().get().why());
        assertFalse(permissions.unlink().get().allowed());
        assertTrue(permissions.note().get().startsWith("Link existing installation needs project admin or a "
                + "personal GitHub account"), permissions.note().get());
    }

    /**
     * A member whom a project rule makes admin of one project and who is a member of another project and of that
     * project's environment: the reason a refused Unlink gives says the level PostHog stated there refuses it, not the
     * organization's (docs/api-notes.md NM1, NM2). On the old code every refusal read "You are a member of Acme, not
     * an admin." beside a project where the same organization level let the user unlink.
     */
    @Test
    void aRefusalByTheLevelStatedOnTheProjectOrEnvironmentSaysSoNotTheOrganizations() {
        ProjectRowViewModel staging = new ProjectRowViewModel(new Project(402, "Desktop / Staging", "acme", null, 121L,
                "Staging"));
        fake.projectLevel(402, 1);
        ForwardingInventoryService cy = new ForwardingInventoryService(fake) {
            @Override
            public Optional<Boolean> hasPersonalGitHub() {
                return Optional.of(true);
            }
        };
        permissions.read(cy, ACME_MEMBER);
        selected.set(desktop);
        assertTrue(permissions.unlink().get().allowed());

        selected.set(staging);
        assertEquals("Manage on GitHub and Unlink need project admin. You are a member of this environment, not its "
                + "admin (its access is its own, not its project's).", permissions.note().get());
        assertEquals(permissions.note().get(), permissions.unlink().get().why());
        assertEquals(permissions.note().get(), permissions.manageOnGitHub().get().why());

        selected.set(checkout);
        assertEquals("Manage on GitHub and Unlink need project admin. You are a member of this project, not its admin.",
                permissions.note().get());
        assertEquals(permissions.note().get(), permissions.unlink().get().why());

        // Dee has no personal GitHub link: Link's reason says the same.
        permissions.read(dee, ACME_MEMBER);
        assertEquals("Link existing installation needs project admin or a personal GitHub account. You are a member "
                + "of this project, not its admin. No personal GitHub account is linked. Link yours in PostHog: "
                + "Settings › Personal integrations.", permissions.link().get().why());
    }

    @Test
    void eachProjectIsAskedOncePerLoadAndReloadAsksAgain() {
        permissions.read(dee, ACME_MEMBER);
        selected.set(desktop);
        selected.set(checkout);
        selected.set(desktop);
        assertEquals(2, fake.calls("projectLevel"), "one read per project");

        fake.projectLevel(121, 1); // the owner took Dee's rule away meanwhile
        permissions.read(dee, ACME_MEMBER); // Reload
        assertEquals(3, fake.calls("projectLevel"), "the selected project is read again at once");
        assertFalse(permissions.link().get().allowed());
    }

    @Test
    void aRefusalForgetsTheLevelsAndReadsTheSelectedProjectAgain() {
        permissions.read(dee, ACME_MEMBER);
        selected.set(desktop);
        assertTrue(permissions.unlink().get().allowed());
        fake.projectLevel(121, 1);
        permissions.reread(); // PostHog refused an unlink with 403
        assertEquals(1, permissions.levelOf(121));
        assertFalse(permissions.unlink().get().allowed());
    }

    @Test
    void untilTheLevelIsKnownTheOrganizationRuleStands() {
        fake.failNext("projectLevel", new ServiceException(ServiceException.Kind.NETWORK, "offline"));
        permissions.read(dee, ACME_MEMBER);
        selected.set(desktop);
        assertNull(permissions.levelOf(121));
        assertFalse(permissions.link().get().allowed(), "a member without a personal GitHub link, as before");
        fake.projectLevel(108, null);
        selected.set(checkout);
        assertFalse(permissions.link().get().allowed(), "PostHog stated no level: the organization's stands");
    }

    @Test
    void ownersAndAdminsAreNotAskedAndForgettingTheConnectionForgetsTheLevels() {
        permissions.read(dee, ACME_OWNER);
        selected.set(desktop);
        selected.set(checkout);
        assertEquals(0, fake.calls("projectLevel"));
        assertTrue(permissions.link().get().allowed());

        permissions.read(dee, ACME_MEMBER);
        assertEquals(1, permissions.levelOf(108), "a member now: the selected Checkout is read at load");
        permissions.forget();
        assertNull(permissions.levelOf(108));
    }

    @Test
    void aRowStillSelectedFromAnotherOrganizationIsNotAsked() {
        selected.set(row(301, "Garage App")); // a row of Hooli, still selected while Acme loads
        permissions.read(dee, ACME_MEMBER);
        assertEquals(0, fake.calls("projectLevel"));
        selected.set(desktop);
        assertEquals(1, fake.calls("projectLevel"));
    }

    @Test
    void aReadForARowNoLongerSelectedIsDroppedAndAFailedOneIsAskedAgainWhenChosenAgain() {
        dev.hoglink.ui.common.ManualTaskRunner runner = new dev.hoglink.ui.common.ManualTaskRunner();
        ProjectPermissions p = new ProjectPermissions(runner, selected);
        p.read(dee, ACME_MEMBER);
        runner.runAll(); // the personal GitHub link
        for (int id = 101; id <= 120; id++) { // Down held through twenty rows before any answer
            selected.set(row(id, "Project " + id));
        }
        selected.set(desktop);
        // PostHog has not said yet whether Dee administers Desktop: the buttons the level decides say so
        assertEquals("Checking your access to Desktop…", p.link().get().why());
        assertEquals("Checking your access to Desktop…", p.note().get());
        assertFalse(p.unlink().get().allowed());
        runner.runAll();
        assertTrue(p.link().get().allowed(), "she is project admin there");
        assertEquals("", p.note().get());
        assertEquals(1, fake.calls("projectLevel"), "only the row that stayed chosen is asked");
        assertEquals(8, p.levelOf(121));

        fake.failNext("projectLevel", new ServiceException(ServiceException.Kind.NETWORK, "PostHog did not answer."));
        selected.set(checkout);
        runner.runAll();
        assertNull(p.levelOf(108), "the read failed");
        assertTrue(p.note().get().startsWith("Link existing installation needs project admin"),
                "the organization's rule once the read has failed: " + p.note().get());
        selected.set(desktop);
        selected.set(checkout); // chosen again: asked again, not left to the organization's level until Reload
        runner.runAll();
        assertEquals(1, p.levelOf(108));
        assertEquals(3, fake.calls("projectLevel"));
    }
}
