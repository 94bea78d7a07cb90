package dev.hoglink.ui.inventory;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Sharing;
import dev.hoglink.model.ProjectState;
import dev.hoglink.model.Project;
import dev.hoglink.service.ServiceException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * One project in the inventory table. Its GitHub facts arrive after the row itself; until then it is
 * {@link RowState#LOADING} (or shows the cached facts, marked stale). Changed on the UI thread only.
 */
public final class ProjectRowViewModel {

    private final Project project;
    private final ReadOnlyObjectWrapper<RowState> state = new ReadOnlyObjectWrapper<>(RowState.LOADING);
    private final ReadOnlyObjectWrapper<List<GitHubLink>> links = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<ServiceException> error = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper statusDetail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stale = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper sharedWith = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper repoCount = new ReadOnlyIntegerWrapper(-1);
    /** When the links shown were read from PostHog (the "Read" column makes the age text from it at each tick). */
    private final ReadOnlyObjectWrapper<Instant> readAt = new ReadOnlyObjectWrapper<>();
    /** What the search looks in, lower case; made when first asked after a change of the links. */
    private String[] searchWords;

    public ProjectRowViewModel(Project project) {
        this.project = project;
    }

    public Project project() {
        return project;
    }

    public long id() {
        return project.id();
    }

    public String name() {
        return project.name();
    }

    public ReadOnlyObjectProperty<RowState> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public RowState state() {
        return state.get();
    }

    /** The project's GitHub links; null while unknown. */
    public ReadOnlyObjectProperty<List<GitHubLink>> linksProperty() {
        return links.getReadOnlyProperty();
    }

    public List<GitHubLink> links() {
        return links.get() == null ? List.of() : links.get();
    }

    public boolean linksKnown() {
        return links.get() != null;
    }

    /** Why the row could not be loaded, while it is FAILED. */
    public ReadOnlyObjectProperty<ServiceException> errorProperty() {
        return error.getReadOnlyProperty();
    }

    public ServiceException error() {
        return error.get();
    }

    /** A second line for the status: the error message, the token error code, or "2 integrations". */
    public ReadOnlyStringProperty statusDetailProperty() {
        return statusDetail.getReadOnlyProperty();
    }

    /** True while the row shows cached facts that are being refreshed. */
    public ReadOnlyBooleanProperty staleProperty() {
        return stale.getReadOnlyProperty();
    }

    public boolean isStale() {
        return stale.get();
    }

    /** When the links shown were read from PostHog; null before the first read. */
    public Instant readAt() {
        return readAt.get();
    }

    public ReadOnlyObjectProperty<Instant> readAtProperty() {
        return readAt.getReadOnlyProperty();
    }

    void setReadAt(Instant at) {
        readAt.set(at);
    }

    /** How many other loaded projects use this project's (first) installation. */
    public ReadOnlyIntegerProperty sharedWithProperty() {
        return sharedWith.getReadOnlyProperty();
    }

    public int sharedWith() {
        return sharedWith.get();
    }

    /** Repositories the first installation can access; -1 while unknown. */
    public ReadOnlyIntegerProperty repoCountProperty() {
        return repoCount.getReadOnlyProperty();
    }

    public int repoCount() {
        return repoCount.get();
    }

    /** The link the table columns describe: the first problem link, else the first link; null when none. */
    public GitHubLink primaryLink() {
        return ProjectState.primaryLink(links());
    }

    public String accountName() {
        GitHubLink l = primaryLink();
        return l == null || l.accountName() == null ? "" : l.accountName();
    }

    public AccountType accountType() {
        GitHubLink l = primaryLink();
        return l == null ? null : l.accountType();
    }

    public String installationId() {
        GitHubLink l = primaryLink();
        return l == null || l.installationId() == null ? "" : l.installationId();
    }

    public String repositorySelection() {
        GitHubLink l = primaryLink();
        return l == null || l.repositorySelection() == null ? "" : l.repositorySelection();
    }

    public String createdBy() {
        GitHubLink l = primaryLink();
        return l == null || l.createdBy() == null ? "" : l.createdBy();
    }

    public Instant createdAt() {
        GitHubLink l = primaryLink();
        return l == null ? null : l.createdAt();
    }

    /**
     * PostHog's own flag for the installation the row shows (its primary link): another project row, of any
     * organization, uses the same installation.
     */
    public boolean sharedOnServer() {
        GitHubLink l = primaryLink();
        return l != null && l.shared();
    }

    /**
     * Whether the row's installation is shared, by the rule the detail pane, the audit and the exports follow
     * ({@link Sharing}): the loaded rows of this organization using it, and PostHog's flag.
     */
    public Sharing sharing() {
        return new Sharing(sharedWith.get(), sharedOnServer());
    }

    public boolean isShared() {
        return sharing().shared();
    }

    /**
     * The Shared column's text: "2 other projects" (loaded rows of this organization using the installation),
     * "elsewhere" when only PostHog's flag says so, or "only this project". PostHog's installation_shared counts
     * GitHub rows of every team of every organization (posthog/api/integration.py, docs/api-notes.md NH35), so the
     * other user may be another organization's project the user can see, not only a project hidden from them.
     */
    public String sharingText() {
        // A GitHub row naming no installation has nothing to share: "only this project" would say an installation
        // is used here alone, where the detail pane says it "cannot be used or shared".
        return namesNoInstallation() ? "" : sharing().word();
    }

    /** The row's GitHub integration names no installation (the No installation problem). */
    private boolean namesNoInstallation() {
        GitHubLink l = primaryLink();
        return l != null && (l.installationId() == null || l.installationId().isBlank());
    }

    /**
     * The Shared cell's tip: what "elsewhere" means, which the column is too narrow to say; null for a count or a
     * row used by this project alone, which say it whole.
     */
    public String sharingTip() {
        return sharing().tip();
    }

    /** {@link #sharingText()} in full, for screen readers: the detail pane's and the audit's words. */
    public String sharingDescription() {
        if (namesNoInstallation()) {
            return "";
        }
        Sharing s = sharing();
        return s.elsewhere() ? s.tip() : s.description();
    }

    /** True when the search text (lower case) occurs in the name, id, account, installation id or creator. */
    boolean matches(String needle) {
        if (needle.isEmpty()) {
            return true;
        }
        String[] words = searchWords();
        if (words[0].equals(needle)) { // the id: whole
            return true;
        }
        for (int i = 1; i < words.length; i++) {
            if (words[i].contains(needle)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The id, then the lower-case name and each link's account, installation id and creator: made once per change
     * of the links, not for every row at every keystroke (which lower-cased four strings a row).
     */
    private String[] searchWords() {
        String[] w = searchWords;
        if (w == null) {
            List<String> all = new java.util.ArrayList<>();
            all.add(Long.toString(project.id()));
            // what the table shows: an environment's own name and its project's, each on its own (as the audit's
            // matrix and `hoglink link --projects name:` match), not the joined "Project / Environment"
            all.add(project.ownName().toLowerCase(Locale.ROOT));
            if (project.parentName() != null) {
                all.add(project.parentName().toLowerCase(Locale.ROOT));
            }
            for (GitHubLink l : links()) {
                for (String s : new String[] {l.accountName(), l.installationId(), l.createdBy()}) {
                    if (s != null) {
                        all.add(s.toLowerCase(Locale.ROOT));
                    }
                }
            }
            w = all.toArray(String[]::new);
            searchWords = w;
        }
        return w;
    }

    // ---- changed by the inventory view model ------------------------------------------------------------

    void markLoading() {
        error.set(null);
        if (linksKnown()) {
            stale.set(true);
        } else {
            state.set(RowState.LOADING);
            statusDetail.set("");
        }
    }

    void showLinks(List<GitHubLink> newLinks, Map<String, Integer> repoCounts, boolean fromCache) {
        error.set(null);
        stale.set(fromCache);
        searchWords = null;
        links.set(List.copyOf(newLinks));
        updateRepoCount(repoCounts);
        state.set(stateOf(newLinks));
        statusDetail.set(detailOf(newLinks));
    }

    void fail(ServiceException e) {
        error.set(e);
        stale.set(false);
        state.set(RowState.FAILED);
        statusDetail.set(e.userMessage()); // a 429's message already says when to try again
    }

    void updateRepoCount(Map<String, Integer> repoCounts) {
        GitHubLink l = primaryLink();
        Integer n = l == null || l.installationId() == null ? null : repoCounts.get(l.installationId());
        repoCount.set(n == null ? -1 : n);
    }

    void setSharedWith(int n) {
        sharedWith.set(n);
    }

    static RowState stateOf(List<GitHubLink> ls) {
        return RowState.of(ProjectState.of(ls));
    }

    /** The second line: what is wrong with the row that decides the state (the model's worst row). */
    private static String detailOf(List<GitHubLink> ls) {
        ProjectState state = ProjectState.of(ls);
        GitHubLink problem = ls.stream().filter(l -> l.state() == state).findFirst().orElse(null);
        if (state == ProjectState.UNAVAILABLE) {
            return "Uninstalled or suspended on GitHub";
        }
        if (state == ProjectState.TOKEN_ERROR) {
            return ProjectState.TOKEN_ERROR_REASON + (problem.errors().isEmpty() ? "" : " (" + problem.errors() + ")");
        }
        if (state == ProjectState.NO_INSTALLATION) {
            return "Its GitHub integration " + ProjectState.NO_INSTALLATION_REASON + ". Start the OAuth bootstrap to "
                    + "connect GitHub again.";
        }
        return ls.size() > 1 ? ls.size() + " integrations" : "";
    }

    @Override
    public String toString() {
        return "ProjectRow[" + project.id() + " " + state.get() + "]";
    }
}
