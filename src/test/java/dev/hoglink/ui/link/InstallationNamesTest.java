package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.InstallationName;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.service.link.LinkPlan;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An installation reads the same in the link dialog's list, the bulk link plan (window, plan files, command line)
 * and the results: "acme (id 10000001)", or "installation 10000009" when PostHog names no account.
 */
class InstallationNamesTest {

    @Test
    void anInstallationWithAnAccountIsNamedOneWayEverywhere() {
        InstallationOption o = new InstallationOption("10000001", "acme", AccountType.ORGANIZATION, 101L, "Web", null);
        assertEquals("acme (id 10000001)", new OptionRow(o, 3, List.of()).describe());
        assertEquals("acme (id 10000001)", LinkPlan.Installation.of(o).describe());
        assertEquals("the GitHub App installation on acme (id 10000001)", LinkPlan.Installation.of(o).fullName());
    }

    @Test
    void anInstallationWithoutAnAccountIsNamedByItsIdOnceAndTheSameEverywhere() {
        InstallationOption o = new InstallationOption("10000009", null, AccountType.UNKNOWN, null, null, null);
        // Before: the link dialog said "installation 10000009 (id 10000009)", the plan "installation (id 10000009)".
        assertEquals("installation 10000009", new OptionRow(o, -1, List.of()).describe());
        assertEquals("installation 10000009", LinkPlan.Installation.of(o).describe());
        assertEquals("the GitHub App installation 10000009", LinkPlan.Installation.of(o).fullName());
        assertEquals(InstallationName.full(" ", "10000009"), LinkPlan.Installation.of(o).fullName());
    }
}
