package dev.hoglink.ui.inventory;

import dev.hoglink.model.Capabilities;
import dev.hoglink.model.Capabilities.Decision;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import java.util.Optional;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The capabilities of the open connection in the chosen organization ({@link Capabilities}: the key's
 * integration:write scope and the user's level), read off the UI thread when an organization loads and again
 * whenever PostHog refuses a change (rights changed meanwhile). Every enabled-or-not question about Link, Start
 * OAuth and Unlink is answered here, for the selected project, with the reason when not.
 *
 * <p>PostHog decides per project (docs/api-notes.md NM1): a member of the organization may be admin of one project.
 * Only a project's own detail says so, so for a member (organization level 1..7) the selected project's level is
 * read off the UI thread, once per organization load, and fed to {@link Capabilities}; an environment row's level is
 * its own, decided by the environment's own rules and read from its own detail, not its project's (NM2). Until it is
 * known the organization's level stands. Owners and admins are admins on every project: nothing more is asked. The
 * levels are forgotten on Reload, on another connection and after PostHog refuses a change, then read again.
 */
public final class ProjectPermissions {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProjectPermissions.class);

    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<Capabilities> capabilities = new ReadOnlyObjectWrapper<>(Capabilities.UNKNOWN);
    private final ObjectBinding<Decision> link;
    private final ObjectBinding<Decision> oauth;
    private final ObjectBinding<Decision> unlink;
    private final ObjectBinding<Decision> manage;
    private final javafx.beans.binding.StringBinding note;
    private InventoryService service;
    private Organization organization;
    private TaskHandle<?> reading;
    private TaskHandle<?> personalRead;
    private final ObservableValue<ProjectRowViewModel> selected;
    /** The user's level per project id as PostHog stated it since the organization loaded (members only). */
    private final javafx.collections.ObservableMap<Long, Integer> projectLevels =
            javafx.collections.FXCollections.observableHashMap();
    /** Projects whose level was asked since the organization loaded (answered, unknown or failed): not asked again. */
    private final java.util.Set<Long> levelAsked = new java.util.HashSet<>();
    /**
     * Level reads under way, by project: a refusal the level may lift reads "Checking …" meanwhile, and a read for a
     * row no longer selected is dropped (holding Down through a thousand rows must not queue a thousand requests
     * before the row that stays chosen).
     */
    private final javafx.collections.ObservableMap<Long, TaskHandle<?>> levelReads =
            javafx.collections.FXCollections.observableHashMap();
    /** Counts loads, forgets and refusals: a level read for an older one is dropped. */
    private long generation;

    ProjectPermissions(TaskRunner runner, ObservableValue<ProjectRowViewModel> selected) {
        this.runner = runner;
        this.selected = selected;
        link = decision(selected, Capabilities::link);
        oauth = decision(selected, (c, level, environment) -> c.startOAuth(level));
        unlink = decision(selected, Capabilities::unlink);
        manage = decision(selected, Capabilities::manageOnGitHub);
        note = Bindings.createStringBinding(() -> {
            ProjectRowViewModel row = selected.getValue();
            if (row == null) {
                return "Choose a project first.";
            }
            String refused = capabilities.get().refusedNote(levelOf(row.id()), environment(row));
            return refused.isEmpty() || !checking(row) ? refused : checkingText(row);
        }, selected, capabilities, projectLevels, levelReads);
        selected.addListener((o, was, now) -> readLevel(now));
    }

    /** One action's rule: the capabilities, the level PostHog stated on the row (or null), whether it is an environment. */
    @FunctionalInterface
    private interface Rule {
        Decision apply(Capabilities capabilities, Integer level, boolean environment);
    }

    /** Whether the row is an environment of a project, whose level is its own (docs/api-notes.md NM2). */
    private static boolean environment(ProjectRowViewModel row) {
        return row.project().parentId() != null;
    }

    private ObjectBinding<Decision> decision(ObservableValue<ProjectRowViewModel> selected, Rule rule) {
        return Bindings.createObjectBinding(() -> {
            ProjectRowViewModel row = selected.getValue();
            if (row == null) {
                return new Decision(false, "Choose a project first.");
            }
            Decision d = rule.apply(capabilities.get(), levelOf(row.id()), environment(row));
            return d.allowed() || !checking(row) ? d : new Decision(false, checkingText(row));
        }, selected, capabilities, projectLevels, levelReads);
    }

    /**
     * The member's level on this project is being read and the credential itself refuses nothing: what the level
     * decides (admin or not) is not said before PostHog has said it.
     */
    private boolean checking(ProjectRowViewModel row) {
        return levelReads.containsKey(row.id()) && capabilities.get().anyWrite().allowed();
    }

    private static String checkingText(ProjectRowViewModel row) {
        return "Checking your access to " + row.project().ownName() + "…";
    }

    /**
     * The user's level on this project as PostHog stated it (8 project admin, 1 member), or null while unknown (not
     * read yet, not a member's, or PostHog did not say): then the organization's level stands.
     */
    public Integer levelOf(long projectId) {
        return projectLevels.get(projectId);
    }

    /** Whether the user's level must be read per project: a member of the organization, not an admin or owner. */
    private boolean member() {
        return organization != null && organization.memberOnly();
    }

    /** Reads the level of the selected project, off the UI thread, when it is a member's and not asked yet. */
    private void readLevel(ProjectRowViewModel row) {
        InventoryService s = service;
        if (row == null || s == null || !member() || !organization.id().equals(row.project().organizationId())
                || !levelAsked.add(row.id())) {
            return; // a row still selected from the organization shown before is not this one's
        }
        for (Long other : java.util.List.copyOf(levelReads.keySet())) { // the selection moved on: not asked after all
            levelReads.remove(other).cancel();
            levelAsked.remove(other);
        }
        long asked = generation;
        dev.hoglink.model.Project project = row.project();
        TaskHandle<Integer> read = runner.run(() -> s.projectLevel(project));
        levelReads.put(project.id(), read);
        read.onSuccess(level -> {
                    if (asked == generation && level != null) {
                        projectLevels.put(project.id(), level);
                    }
                })
                .onFailure(e -> {
                    LOGGER.info("Could not read the level on project {}: {}", project.id(),
                            e.getClass().getSimpleName());
                    if (asked == generation) {
                        levelAsked.remove(project.id()); // chosen again, it is asked again
                    }
                })
                .onFinished(() -> levelReads.remove(project.id(), read));
    }

    /** Forgets every project's level (a load, another connection, a refusal); reads still under way are dropped. */
    private void forgetLevels() {
        generation++;
        for (TaskHandle<?> r : java.util.List.copyOf(levelReads.values())) {
            r.cancel();
        }
        levelReads.clear();
        levelAsked.clear();
        projectLevels.clear();
    }

    /** Reads the key's scopes for this organization (the user's level comes with the organization). */
    void read(InventoryService service, Organization organization) {
        this.service = service;
        this.organization = organization;
        refusedWrite = false; // a load (or Reload) asks again; PostHog decides the next change
        forgetLevels();
        capabilities.set(capabilities.get().withOrganization(organization == null ? "" : organization.name(),
                organization == null ? 0 : organization.membershipLevel()).withoutPersonalGitHub());
        if (personalRead != null) {
            personalRead.cancel();
        }
        if (service != null && member()) {
            // A member links only with a personal GitHub account (NJ3): whether there is one, off the UI thread and
            // beside the project list, so the Link button can say so before anything is sent.
            personalRead = runner.run(service::hasPersonalGitHub)
                    .onSuccess(linked -> {
                        if (this.service == service && this.organization == organization) {
                            linked.ifPresent(this::notePersonalGitHub);
                        }
                    })
                    .onFailure(e -> LOGGER.info("Could not read the personal GitHub link: {}",
                            e.getClass().getSimpleName()));
        }
        readLevel(selected.getValue());
    }

    /**
     * Runs {@code work} (the project list, off the UI thread) and, in the same task, reads the key's scopes,
     * handing them to the UI thread. A failure to read them changes nothing (PostHog still decides).
     */
    <T> T readingScopes(InventoryService s, java.util.concurrent.Callable<T> work) throws Exception {
        T result = work.call();
        try {
            Optional<Boolean> write = s.keyCanWriteIntegrations();
            boolean signedIn = s.signedInWithPostHog();
            runner.onUiThread(() -> noteKeyCanWrite(write, signedIn));
        } catch (RuntimeException e) {
            LOGGER.info("Could not read the key's scopes: {}", e.getClass().getSimpleName());
        }
        return result;
    }

    private void noteKeyCanWrite(Optional<Boolean> write, boolean signedIn) {
        if (refusedWrite && write.isEmpty()) {
            write = Optional.of(false); // the scopes cannot be read; PostHog's refusal still stands
        } else if (write.orElse(false)) {
            refusedWrite = false;
        }
        capabilities.set(capabilities.get().withKeyCanWrite(write, signedIn));
    }

    void forget() {
        service = null;
        organization = null;
        refusedWrite = false;
        forgetLevels();
        if (reading != null) {
            reading.cancel();
        }
        if (personalRead != null) {
            personalRead.cancel();
        }
        capabilities.set(Capabilities.UNKNOWN.withConnectionReadOnly(connectionReadOnly));
    }

    private boolean connectionReadOnly;

    /** The open connection is marked read-only (or not): every change is off until the mark is cleared. */
    public void connectionReadOnly(boolean marked) {
        connectionReadOnly = marked;
        capabilities.set(capabilities.get().withConnectionReadOnly(marked));
    }

    /** PostHog refused a change since this organization loaded because the credential lacks integration:write. */
    private boolean refusedWrite;

    /**
     * PostHog refused a change with "missing required scope 'integration:write'": that holds for every project
     * of this credential (docs/api-notes.md NJ2), so Link, Unlink and Start OAuth say so at once, and keep saying
     * it when the scopes cannot be read (a key limited to projects cannot read them, N10) until the organization
     * is loaded again. The scopes are then read again, as after any refusal.
     */
    public void refusedForMissingWrite() {
        refusedWrite = true;
        Capabilities now = capabilities.get();
        capabilities.set(now.withKeyCanWrite(Optional.of(false), now.signedInWithPostHog()));
        reread();
    }

    /**
     * Reads the scopes again, e.g. after PostHog refused a change with 403, and the selected project's level (a
     * member's rights on it may have changed meanwhile).
     */
    public void reread() {
        InventoryService s = service;
        if (s == null) {
            return;
        }
        forgetLevels();
        readLevel(selected.getValue());
        if (reading != null) {
            reading.cancel();
        }
        // Both read off the FX thread: a sign-in's scopes come from its session, which a renewal may be holding.
        reading = runner.run(() -> new CredentialRead(s.keyCanWriteIntegrations(), s.signedInWithPostHog()))
                .onSuccess(r -> noteKeyCanWrite(r.write(), r.signedIn()))
                .onFailure(e -> LOGGER.info("Could not read the key's scopes: {}", e.getClass().getSimpleName()));
    }

    private record CredentialRead(Optional<Boolean> write, boolean signedIn) {
    }

    /** PostHog told whether the user has a personal GitHub link (available_installations). */
    public void notePersonalGitHub(boolean linked) {
        capabilities.set(capabilities.get().withPersonalGitHub(linked));
    }

    public ReadOnlyObjectProperty<Capabilities> capabilitiesProperty() {
        return capabilities.getReadOnlyProperty();
    }

    public Capabilities capabilities() {
        return capabilities.get();
    }

    public ObjectBinding<Decision> link() {
        return link;
    }

    public ObjectBinding<Decision> startOAuth() {
        return oauth;
    }

    public ObjectBinding<Decision> unlink() {
        return unlink;
    }

    /** "Manage on GitHub": its prepare_callback needs project admin (docs/api-notes.md NI3). */
    public ObjectBinding<Decision> manageOnGitHub() {
        return manage;
    }

    /**
     * The sentence under the detail pane's buttons: every action refused on the selected project and why, in one
     * sentence ({@link Capabilities#refusedNote(Integer)}); empty when none is.
     */
    public javafx.beans.binding.StringBinding note() {
        return note;
    }

    /** For tests: the organization the capabilities were read for. */
    Organization organization() {
        return organization;
    }

    /** True while the decision allows the action. */
    static javafx.beans.binding.BooleanBinding allowed(ObjectBinding<Decision> decision) {
        return javafx.beans.binding.Bindings.createBooleanBinding(() -> decision.get().allowed(), decision);
    }
}
