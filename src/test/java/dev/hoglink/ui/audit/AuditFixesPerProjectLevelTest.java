package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.ForwardingInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.inventory.InventoryViewModel;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit's fixes ask the window's rule with the project's own level (docs/api-notes.md NM1): a member without a
 * personal GitHub link who is admin of Desktop may link it from the audit as from the detail pane, and not Checkout.
 */
class AuditFixesPerProjectLevelTest {

    @TempDir
    Path tmp;
    private InventoryCache cache;

    @AfterEach
    void flush() {
        if (cache != null) {
            cache.flush(Duration.ofSeconds(10));
        }
    }

    @Test
    void linkFromTheAuditFollowsTheLevelOnEachProject() {
        Organization acme = new Organization("acme", "Acme", "acme", Organization.MEMBER);
        FakeInventoryService fake = new FakeInventoryService().addOrganization(acme);
        fake.addProject("acme", 108, "Checkout");
        fake.addProject("acme", 121, "Desktop");
        fake.projectLevel(121, 8).projectLevel(108, 1);
        ForwardingInventoryService dee = new ForwardingInventoryService(fake) {
            @Override
            public Optional<Boolean> hasPersonalGitHub() {
                return Optional.of(false);
            }
        };
        cache = new InventoryCache(tmp);
        InventoryViewModel vm = new InventoryViewModel(new SameThreadTaskRunner(), cache, Clock.systemUTC(), 4);
        vm.connect("https://eu.posthog.com", dee, null);
        vm.selectedRowProperty().set(vm.row(121));
        vm.selectedRowProperty().set(vm.row(108));

        AuditCommands.RowActions fixes = new AuditCommands.RowActions(vm, r -> { }, r -> { }, (r, i) -> { }, u -> { });
        fixes.bulk = rows -> { };
        assertTrue(fixes.canLink(121), "Dee is admin of Desktop");
        assertFalse(fixes.canLink(108), "a plain member of Checkout without a personal GitHub link");
        assertTrue(fixes.canLinkAll(List.of(108L, 121L)), "the plan then says which project is linked and why not");
        assertFalse(fixes.canLinkAll(List.of(108L)));
    }
}
