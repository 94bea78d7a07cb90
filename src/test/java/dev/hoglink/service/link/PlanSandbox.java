package dev.hoglink.service.link;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.PlanJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One sandbox role's view for plan tests: its plan service, and Acme's projects with their rows as it reads them. */
public final class PlanSandbox {

    public final PlanService plans;
    public final HttpInventoryService inventory;
    public final Organization acme;
    public final Map<Long, Project> projects = new LinkedHashMap<>();
    public final Map<Long, List<GitHubLink>> links = new LinkedHashMap<>();
    public final ActionJournal journal;

    public PlanSandbox(SandboxServer sandbox, String role, Path home) {
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key(role)))
                .rateLimiter(RateLimiter.unlimited()).build();
        inventory = new HttpInventoryService(client);
        journal = new ActionJournal(home.resolve("journal.jsonl"), Clock.systemUTC());
        LinkService links = new LinkService(client, journal, sandbox.baseUri().toString().replaceAll("/$", ""));
        plans = new PlanService(client, links, new PlanJournal(home.resolve("plans")), Clock.systemUTC());
        acme = inventory.organizations().stream().filter(o -> o.id().equals(SeedWorld.ACME_ORG)).findFirst().orElseThrow();
        reread();
    }

    /** Reads every project's rows again. */
    public void reread() {
        projects.clear();
        links.clear();
        for (Project p : inventory.projects(acme.id())) {
            projects.put(p.id(), p);
            links.put(p.id(), inventory.githubLinks(p.id()));
        }
    }

    public List<LinkPlanner.Target> targets(long... ids) {
        List<LinkPlanner.Target> out = new ArrayList<>();
        for (long id : ids) {
            out.add(new LinkPlanner.Target(projects.get(id), links.get(id)));
        }
        return out;
    }

    public List<GitHubLink> allLinks() {
        List<GitHubLink> all = new ArrayList<>();
        links.values().forEach(all::addAll);
        return all;
    }

    public Capabilities capabilities() {
        return new Capabilities(inventory.keyCanWriteIntegrations(), acme.name(), acme.membershipLevel(),
                java.util.Optional.empty());
    }

    /** A plan of these projects for the installation, as PostHog offers it to the first project. */
    public LinkPlan plan(String installationId, long... ids) {
        var option = plans.installations(ids[0]).stream().filter(o -> o.installationId().equals(installationId))
                .findFirst().orElseThrow();
        return plans.plan(acme, option, targets(ids), allLinks(), true, capabilities(), plans.personalGitHubInstallations());
    }
}
