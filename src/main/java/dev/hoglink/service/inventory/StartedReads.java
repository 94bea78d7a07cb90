package dev.hoglink.service.inventory;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A connection's inventory whose first reads were sent before its window existed: at start-up, while the JavaFX
 * toolkit starts, {@link #read} asks the service for the organizations, who the key belongs to and the projects of
 * one organization (page by page). The window's first {@link #organizations}, {@link #currentUser} and
 * {@link #projects(String, Consumer)} of that organization then take those answers, waiting for them if they are
 * still on their way, with the same pages in the same order and the same failure if one failed; every other call,
 * and every later one, goes to the service itself. Nothing is answered twice: a refresh asks PostHog again.
 */
public final class StartedReads extends ForwardingInventoryService {

    private final InventoryService service;
    private final CompletableFuture<List<Organization>> organizations = new CompletableFuture<>();
    private final CompletableFuture<String> who = new CompletableFuture<>();
    private final AtomicBoolean organizationsTaken = new AtomicBoolean();
    private final AtomicBoolean whoTaken = new AtomicBoolean();
    private final AtomicBoolean projectsTaken = new AtomicBoolean();

    // the projects read: its organization, its pages as they came, then its result or failure (guarded by this)
    private String projectsOf;
    private final List<List<Project>> pages = new ArrayList<>();
    private boolean projectsDone;
    private List<Project> projectsResult;
    private RuntimeException projectsFailure;

    public StartedReads(InventoryService service) {
        super(Objects.requireNonNull(service));
        this.service = service;
    }

    /** The service every other call goes to. */
    public InventoryService service() {
        return service;
    }

    /**
     * Sends the first reads, one after the other on the calling thread (a start-up thread): the organizations, who
     * the key belongs to, then the projects of the organization {@code preferred} names if the key sees it, else of
     * the first. Returns when they are done; failures are kept for the window's calls, never thrown here.
     */
    public void read(Optional<String> preferred) {
        try {
            readAll(preferred);
        } finally { // whatever ended the reads (an Error too), no window call waits for an answer that never comes
            organizations.completeExceptionally(new IllegalStateException("the start-up reads ended early"));
            who.cancel(false);
            synchronized (this) {
                if (!projectsDone) {
                    finishProjects(null, null);
                }
            }
        }
    }

    private void readAll(Optional<String> preferred) {
        List<Organization> orgs;
        try {
            orgs = service.organizations();
            organizations.complete(orgs);
        } catch (RuntimeException e) {
            organizations.completeExceptionally(e);
            return;
        }
        try {
            who.complete(service.currentUser());
        } catch (RuntimeException e) {
            who.completeExceptionally(e);
        }
        Optional<Organization> org = orgs.stream().filter(o -> preferred.isPresent() && o.id().equals(preferred.get()))
                .findFirst().or(() -> orgs.stream().findFirst());
        if (org.isEmpty()) {
            return;
        }
        synchronized (this) {
            projectsOf = org.get().id();
        }
        try {
            List<Project> all = service.projects(org.get().id(), page -> {
                synchronized (this) {
                    pages.add(List.copyOf(page));
                    notifyAll();
                }
            });
            finishProjects(all, null);
        } catch (RuntimeException e) {
            finishProjects(null, e);
        }
    }

    private synchronized void finishProjects(List<Project> result, RuntimeException failure) {
        projectsResult = result;
        projectsFailure = failure;
        projectsDone = true;
        notifyAll();
    }

    @Override
    public List<Organization> organizations() {
        if (!organizationsTaken.getAndSet(true)) {
            return take(organizations);
        }
        return service.organizations();
    }

    @Override
    public String currentUser() {
        if (!whoTaken.getAndSet(true) && !who.isCancelled()) {
            return take(who);
        }
        return service.currentUser();
    }

    @Override
    public List<Project> projects(String organizationId) {
        return projects(organizationId, page -> { });
    }

    @Override
    public List<Project> projects(String organizationId, Consumer<List<Project>> onPage) {
        if (!startedFor(organizationId) || projectsTaken.getAndSet(true)) {
            return service.projects(organizationId, onPage);
        }
        int next = 0;
        while (true) {
            List<Project> page;
            synchronized (this) {
                while (next >= pages.size() && !projectsDone) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new CancellationException("the read was cancelled");
                    }
                }
                if (next >= pages.size()) {
                    if (projectsFailure != null) {
                        throw projectsFailure;
                    }
                    if (projectsResult == null) {
                        throw new IllegalStateException("the start-up read of the projects ended early");
                    }
                    return projectsResult;
                }
                page = pages.get(next++);
            }
            onPage.accept(page);
        }
    }

    /**
     * Whether the start-up read the projects of this organization (or is reading them). Waits, if need be, until the
     * organizations are read and it is known which organization's projects follow.
     */
    private boolean startedFor(String organizationId) {
        try {
            organizations.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the read was cancelled");
        } catch (ExecutionException | CancellationException e) {
            return false;
        }
        synchronized (this) {
            while (projectsOf == null && !projectsDone) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("the read was cancelled");
                }
            }
            return organizationId.equals(projectsOf);
        }
    }

    private static <T> T take(CompletableFuture<T> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("the read was cancelled");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        }
    }
}
