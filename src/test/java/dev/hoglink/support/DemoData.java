package dev.hoglink.support;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;

/** A realistic small organization for view tests and screenshots. */
public final class DemoData {

    public static final Organization ACME = new Organization("0189aaaa-0000-7000-8000-000000000001", "Acme", "acme", 8);
    public static final Organization BETA = new Organization("0189bbbb-0000-7000-8000-000000000002", "Beta Labs", "beta", 1);

    private DemoData() {
    }

    /**
     * Acme: 101 Web, 102 Mobile, 103 API share installation 12345678 (acme, Organization); 104 Data
     * warehouse has its own (acme-data); 105 Marketing site is not connected; 106 Legacy is unavailable;
     * 107 Docs has a token error; 108 Playground is connected to a personal account; 109 Billing and
     * 110 Internal tools are not connected. Beta Labs: 201 Beta app, not connected.
     */
    public static FakeInventoryService acme() {
        FakeInventoryService f = new FakeInventoryService();
        f.addOrganization(ACME).addOrganization(BETA);
        String[] names = {"Web", "Mobile", "API", "Data warehouse", "Marketing site", "Legacy dashboard", "Docs",
            "Playground", "Billing", "Internal tools"};
        for (int i = 0; i < names.length; i++) {
            f.addProject(ACME.id(), 101 + i, names[i]);
        }
        f.addProject(BETA.id(), 201, "Beta app");
        f.link(101, 7, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        f.link(102, 9, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "grace@acme.io");
        f.link(103, 11, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        f.link(104, 12, "23456789", "acme-data", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "linus@acme.io");
        f.link(106, 14, "34567890", "acme-legacy", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "ken@acme.io");
        f.link(107, 15, "45678901", "acme-docs", AccountType.ORGANIZATION, LinkStatus.TOKEN_ERROR, "margaret@acme.io");
        f.link(108, 16, "87654321", "ada-gh", AccountType.USER, LinkStatus.CONNECTED, "ada@acme.io");
        f.setRepositories("12345678", FakeInventoryService.sampleRepos("acme", 57));
        f.setRepositories("23456789", FakeInventoryService.sampleRepos("acme-data", 4));
        f.setRepositories("87654321", FakeInventoryService.sampleRepos("ada-gh", 3));
        return f;
    }
}
