package dev.hoglink.service.inventory;

import dev.hoglink.service.ServiceException;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.AvailableInstallations;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ReposPage;
import dev.hoglink.model.Repository;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * In-memory {@link InventoryService} for tests and the screenshot launcher. Thread-safe. It can fail a
 * given project (or every call) on demand, and counts calls, including how many ran at once.
 */
public final class FakeInventoryService implements InventoryService {

    private final List<Organization> organizations = new ArrayList<>();
    private final Map<String, List<Project>> projects = new LinkedHashMap<>();
    private final Map<Long, List<GitHubLink>> links = new ConcurrentHashMap<>();
    private final Map<String, Integer> uses = new ConcurrentHashMap<>();
    private final Map<String, List<Repository>> reposByInstallation = new ConcurrentHashMap<>();
    private final Map<Long, RuntimeException> projectFailures = new ConcurrentHashMap<>();
    private volatile RuntimeException failEverything;
    private volatile long latencyMillis;
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final List<Long> linkCallOrder = java.util.Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger running = new AtomicInteger();
    private final AtomicInteger maxRunning = new AtomicInteger();
    private volatile java.util.concurrent.CountDownLatch gate;
    private volatile ProjectReads reads;

    private volatile String userId = "";
    private volatile String userName = "";

    /** The key belongs to this user (PostHog's id, and how it is shown); none by default. */
    public FakeInventoryService signedInAs(String id, String shown) {
        this.userId = id;
        this.userName = shown;
        return this;
    }

    @Override
    public String currentUser() {
        return userName;
    }

    @Override
    public String currentUserId() {
        return userId;
    }

    /** Keeps every githubLinks read in {@code store}, as the real service does (null: keeps none). */
    public FakeInventoryService keepReadsIn(ProjectReads store) {
        this.reads = store;
        return this;
    }

    @Override
    public java.util.Optional<ProjectReads> reads() {
        return java.util.Optional.ofNullable(reads);
    }

    // ---- seeding ------------------------------------------------------------------------------------------

    /**
     * A large organization: {@code org} with {@code n} projects (ids 1001 on, named by {@code words} in turn and
     * their number), two in three linked to one of 50 installations ("acme-0" to "acme-49", ids from 90000000),
     * linked by one of 20 users; every {@code tokenErrorEvery}-th project's link has a token error (0: none).
     */
    public FakeInventoryService withLargeOrganization(Organization org, int n, String[] words, int tokenErrorEvery) {
        addOrganization(org);
        for (int i = 1; i <= n; i++) {
            long id = 1000 + i;
            addProject(org.id(), id, words[i % words.length] + " " + i);
            if (i % 3 != 0) {
                int inst = i % 50;
                link(id, 500_000 + i, Integer.toString(90_000_000 + inst), "acme-" + inst, AccountType.ORGANIZATION,
                        tokenErrorEvery > 0 && i % tokenErrorEvery == 0 ? LinkStatus.TOKEN_ERROR : LinkStatus.CONNECTED,
                        "user" + (i % 20) + "@acme.io");
            }
        }
        return this;
    }

    public FakeInventoryService addOrganization(Organization org) {
        organizations.add(org);
        projects.putIfAbsent(org.id(), new ArrayList<>());
        return this;
    }

    /** Adds a project as given (e.g. another environment of a project). */
    public Project addProject(Project p) {
        projects.computeIfAbsent(p.organizationId(), k -> new ArrayList<>()).add(p);
        links.put(p.id(), new ArrayList<>());
        return p;
    }

    public Project addProject(String orgId, long id, String name) {
        Project p = new Project(id, name, orgId, Instant.parse("2025-01-01T00:00:00Z").plusSeconds(id * 3600));
        projects.computeIfAbsent(orgId, k -> new ArrayList<>()).add(p);
        links.put(id, new ArrayList<>());
        return p;
    }

    public void removeProject(long id) {
        projects.values().forEach(l -> l.removeIf(p -> p.id() == id));
        links.remove(id);
    }

    public GitHubLink link(long projectId, long integrationId, String installationId, String account,
                           AccountType type, LinkStatus status, String createdBy) {
        GitHubLink l = new GitHubLink(integrationId, installationId, account, type, "selected", status, false,
                createdBy, Instant.parse("2026-05-02T10:00:00Z").plusSeconds(integrationId * 86_400),
                status == LinkStatus.TOKEN_ERROR ? "TOKEN_REFRESH_FAILED" : "");
        links.computeIfAbsent(projectId, k -> new ArrayList<>()).add(l);
        if (installationId != null) { // a row naming no installation (the No installation problem) uses none
            uses.merge(installationId, 1, Integer::sum);
        }
        return l;
    }

    public void unlinkAll(long projectId) {
        List<GitHubLink> old = links.put(projectId, new ArrayList<>());
        if (old != null) {
            old.forEach(l -> uses.merge(l.installationId(), -1, Integer::sum));
        }
    }

    public void setRepositories(String installationId, List<Repository> repos) {
        reposByInstallation.put(installationId, List.copyOf(repos));
    }

    public static List<Repository> sampleRepos(String owner, int n) {
        List<Repository> out = new ArrayList<>();
        String[] langs = {"TypeScript", "Python", "Go", "Kotlin", "Rust"};
        for (int i = 1; i <= n; i++) {
            String name = i == 1 ? "web" : i == 2 ? "api" : "service-" + i;
            out.add(new Repository(1000L + i, name, owner + "/" + name, i % 3 != 0, i % 7 == 0,
                    i % 5 == 0 ? "master" : "main", langs[i % langs.length],
                    Instant.parse("2026-11-20T12:00:00Z").minusSeconds(i * 7_200L)));
        }
        return out;
    }

    /** A link as PostHog reports it: installation_shared when another project row uses the installation. */
    private GitHubLink withShared(GitHubLink l) {
        boolean shared = l.installationId() != null && uses.getOrDefault(l.installationId(), 0) > 1;
        return new GitHubLink(l.integrationId(), l.installationId(), l.accountName(), l.accountType(),
                l.repositorySelection(), l.status(), shared, l.createdBy(), l.createdAt(), l.errors());
    }

    // ---- faults ---------------------------------------------------------------------------------------------

    /** Every call about this project throws {@code e} until {@link #heal(long)}. */
    public void failProject(long projectId, RuntimeException e) {
        projectFailures.put(projectId, e);
    }

    /** The project's reads work again. */
    public void healProject(long projectId) {
        projectFailures.remove(projectId);
    }

    /** The next call of {@code method} throws {@code e} (refreshRepositories and projectLevel only). */
    public void failNext(String method, RuntimeException e) {
        nextFailures.put(method, e);
    }

    private final Map<String, RuntimeException> nextFailures = new java.util.concurrent.ConcurrentHashMap<>();

    public void heal(long projectId) {
        projectFailures.remove(projectId);
    }

    /** Every call throws {@code e} (null to stop). */
    public void failEverything(RuntimeException e) {
        failEverything = e;
    }

    /** Holds every githubLinks call until {@link #openGate()}; for concurrency tests on real threads. */
    public void closeGate() {
        gate = new java.util.concurrent.CountDownLatch(1);
    }

    public void openGate() {
        java.util.concurrent.CountDownLatch g = gate;
        gate = null;
        if (g != null) {
            g.countDown();
        }
    }

    // ---- counters -------------------------------------------------------------------------------------------

    public int calls(String method) {
        AtomicInteger n = calls.get(method);
        return n == null ? 0 : n.get();
    }

    /** Project ids of githubLinks calls, in call order. */
    public List<Long> linkCalls() {
        synchronized (linkCallOrder) {
            return List.copyOf(linkCallOrder);
        }
    }

    /** githubLinks calls running now. */
    public int running() {
        return running.get();
    }

    /** The most githubLinks calls that ever ran at once. */
    public int maxRunning() {
        return maxRunning.get();
    }

    /** Every call sleeps this long first, so that concurrent calls overlap and a cap on calls in flight is tested. */
    public void setLatency(java.time.Duration latency) {
        this.latencyMillis = latency.toMillis();
    }

    /** Calls of every method. */
    public int totalCalls() {
        return calls.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    private void count(String method) {
        calls.computeIfAbsent(method, k -> new AtomicInteger()).incrementAndGet();
        if (latencyMillis > 0) {
            try {
                Thread.sleep(latencyMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceException(ServiceException.Kind.NETWORK, "interrupted");
            }
        }
        RuntimeException e = failEverything;
        if (e != null) {
            throw e;
        }
    }

    private void checkProject(long id) {
        RuntimeException e = projectFailures.get(id);
        if (e != null) {
            throw e;
        }
    }

    // ---- the service ----------------------------------------------------------------------------------------

    @Override
    public List<Organization> organizations() {
        count("organizations");
        return List.copyOf(organizations);
    }

    @Override
    public List<Project> projects(String organizationId) {
        count("projects");
        List<Project> ps = projects.get(organizationId);
        if (ps == null) {
            throw new ServiceException(ServiceException.Kind.NOT_FOUND, "Organization not found.");
        }
        return List.copyOf(ps);
    }

    private volatile int pageSize; // 0: the whole list as one page

    /** Hands the project list over in pages of this many projects, as the real service does (0: one page). */
    public FakeInventoryService pagesOf(int size) {
        this.pageSize = size;
        return this;
    }

    @Override
    public List<Project> projects(String organizationId, java.util.function.Consumer<List<Project>> onPage) {
        List<Project> all = projects(organizationId);
        int size = pageSize;
        for (int i = 0; i < all.size(); i += size > 0 ? size : all.size()) {
            onPage.accept(all.subList(i, Math.min(all.size(), i + (size > 0 ? size : all.size()))));
        }
        return all;
    }

    private final Map<Long, Integer> projectLevels = new ConcurrentHashMap<>();

    /** The user's level on a project as its detail states it (8 project admin, 1 member); null: states none. */
    public FakeInventoryService projectLevel(long projectId, Integer level) {
        if (level == null) {
            projectLevels.remove(projectId);
        } else {
            projectLevels.put(projectId, level);
        }
        return this;
    }

    @Override
    public Integer projectLevel(Project project) {
        count("projectLevel");
        checkProject(project.id());
        RuntimeException next = nextFailures.remove("projectLevel");
        if (next != null) {
            throw next;
        }
        return projectLevels.get(project.id());
    }

    @Override
    public List<GitHubLink> githubLinks(long projectId) {
        count("githubLinks");
        linkCallOrder.add(projectId);
        int now = running.incrementAndGet();
        maxRunning.accumulateAndGet(now, Math::max);
        try {
            java.util.concurrent.CountDownLatch g = gate;
            if (g != null) {
                try {
                    if (!g.await(10, java.util.concurrent.TimeUnit.SECONDS)) {
                        throw new ServiceException(ServiceException.Kind.NETWORK, "gate never opened");
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ServiceException(ServiceException.Kind.NETWORK, "interrupted");
                }
            }
            checkProject(projectId);
            List<GitHubLink> ls = links.get(projectId);
            if (ls == null) {
                throw new ServiceException(ServiceException.Kind.NOT_FOUND, "Project not found.");
            }
            List<GitHubLink> read = ls.stream().map(this::withShared).toList();
            ProjectReads store = reads;
            if (store != null) {
                store.put(projectId, read);
            }
            return read;
        } finally {
            running.decrementAndGet();
        }
    }

    @Override
    public AvailableInstallations availableInstallations(long projectId) {
        count("availableInstallations");
        checkProject(projectId);
        // As PostHog does: rows in integration-id order, the first row per installation names its source
        // project, the target project's own rows are skipped (so an installation it shares still shows).
        Map<String, InstallationOption> seen = new LinkedHashMap<>();
        links.entrySet().stream()
                .flatMap(e -> e.getValue().stream().map(l -> Map.entry(e.getKey(), l)))
                .sorted(java.util.Comparator.comparingLong(e -> e.getValue().integrationId()))
                .filter(e -> e.getKey() != projectId)
                .forEach(e -> {
                    GitHubLink l = e.getValue();
                    seen.putIfAbsent(l.installationId(), new InstallationOption(l.installationId(), l.accountName(),
                            l.accountType(), e.getKey(), null, "5b0c0000-0000-4000-8000-000000000001"));
                });
        return new AvailableInstallations("5b0c0000-0000-4000-8000-000000000001", "ada-gh", "ok",
                List.copyOf(seen.values()));
    }

    @Override
    public ReposPage repositories(long projectId, long integrationId, String search, int offset, int limit) {
        count("repositories");
        checkProject(projectId);
        GitHubLink link = links.getOrDefault(projectId, List.of()).stream()
                .filter(l -> l.integrationId() == integrationId).findFirst()
                .orElseThrow(() -> new ServiceException(ServiceException.Kind.NOT_FOUND, "Not found."));
        String needle = search == null ? "" : search.trim().toLowerCase(Locale.ROOT);
        List<Repository> all = (link.installationId() == null ? List.<Repository>of()
                : reposByInstallation.getOrDefault(link.installationId(), List.of())).stream()
                .filter(r -> needle.isEmpty() || r.fullName().toLowerCase(Locale.ROOT).contains(needle)).toList();
        int from = Math.min(offset, all.size());
        int to = Math.min(all.size(), offset + limit);
        // As PostHog answers: repositories and has_more, no total (GitHubReposResponseSerializer).
        return new ReposPage(all.subList(from, to), to < all.size(),
                ReposPage.totalOf(null, to < all.size(), offset, to - from));
    }

    @Override
    public dev.hoglink.model.RepositoryRefresh refreshRepositories(long projectId, long integrationId) {
        count("refreshRepositories");
        RuntimeException next = nextFailures.remove("refreshRepositories");
        if (next != null) {
            throw next;
        }
        List<GitHubLink> rows = links.getOrDefault(projectId, List.of());
        GitHubLink link = rows.stream().filter(l -> l.integrationId() == integrationId).findFirst()
                .orElseThrow(() -> new ServiceException(ServiceException.Kind.NOT_FOUND, "Not found."));
        boolean gone = refreshFindsGone.contains(link.installationId());
        if (gone != (link.status() == LinkStatus.UNAVAILABLE)) {
            // PostHog's mint marked the row (or cleared its mark): every later read of it says so.
            GitHubLink now = new GitHubLink(link.integrationId(), link.installationId(), link.accountName(),
                    link.accountType(), link.repositorySelection(), gone ? LinkStatus.UNAVAILABLE : LinkStatus.CONNECTED,
                    link.shared(), link.createdBy(), link.createdAt(), gone ? "TOKEN_REFRESH_FAILED" : "");
            List<GitHubLink> changed = new ArrayList<>(rows);
            changed.set(rows.indexOf(link), now);
            links.put(projectId, changed);
        }
        return new dev.hoglink.model.RepositoryRefresh(repositories(projectId, integrationId, null, 0, 500).total(),
                gone ? "unavailable" : "connected");
    }

    private final java.util.Set<String> refreshFindsGone = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** A refresh of a row of this installation finds it gone on GitHub (true) or working again (false). */
    public void refreshFindsGone(String installationId, boolean gone) {
        if (gone) {
            refreshFindsGone.add(installationId);
        } else {
            refreshFindsGone.remove(installationId);
        }
    }
}
