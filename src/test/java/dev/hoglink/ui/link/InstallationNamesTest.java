package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    @Test
    void aSentenceAboutAnInstallationWithoutAnAccountNeverSaysTheInstallationOnInstallation() {
        InstallationOption o = new InstallationOption("10000009", null, AccountType.UNKNOWN, null, null, null);
        OptionRow broken = new OptionRow(o, -1, List.of(), java.util.Optional.of(
                new InstallationFacts.Health(dev.hoglink.model.LinkStatus.UNAVAILABLE, "")));
        assertEquals("Installation 10000009 is suspended or uninstalled on GitHub, so PostHog cannot get a token for it. "
                + "Linking it would fail. Fix it on GitHub first (its settings page), or pick another installation.",
                broken.unavailableReason());
        assertTrue(broken.brokenLinkMessage().startsWith("PostHog could not link installation 10000009 because"),
                broken.brokenLinkMessage());
        dev.hoglink.model.GitHubLink link = new dev.hoglink.model.GitHubLink(7, "10000009", null, AccountType.UNKNOWN,
                "all", dev.hoglink.model.LinkStatus.CONNECTED, false, null, null, null);
        dev.hoglink.model.GitHubLink other = new dev.hoglink.model.GitHubLink(8, "10000001", "acme",
                AccountType.ORGANIZATION, "all", dev.hoglink.model.LinkStatus.CONNECTED, false, null, null, null);
        String warning = UnlinkViewModel.warning(new dev.hoglink.service.link.LinkService.Target(null,
                new dev.hoglink.model.Project(101, "Web", "org", null)), link, List.of(), List.of(other));
        assertTrue(warning.startsWith("Web (id 101) stops using installation 10000009 and keeps GitHub through "),
                warning);
        // With an account, the short form keeps its words.
        assertEquals("the installation on acme (id 10000001)", InstallationName.the("acme", "10000001"));
    }
}
