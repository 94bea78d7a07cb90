package dev.hoglink.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A project (PostHog team; both share one id), or another environment of a project: a team of its own whose
 * {@code parentId} is its project's id.
 *
 * @param createdAt   may be null when the list does not carry it
 * @param parentId    for an environment that is not its project's main one: the project's id; else null
 * @param environment for such an environment: its own name (the row's name reads "Project / Environment"); else null
 */
public record Project(long id, String name, String organizationId, Instant createdAt, Long parentId,
                      String environment) {

    /**
     * The name of a project PostHog sends with none: said as such, its id beside it wherever it is named ("Unnamed
     * project (id 401)"), not "Project 401", which read as a project called so.
     */
    public static final String UNNAMED = "Unnamed project";

    public Project {
        name = name == null || name.isBlank() ? UNNAMED : name;
        Objects.requireNonNull(organizationId, "organizationId");
        if (parentId != null && parentId == id) {
            parentId = null;
            environment = null;
        }
    }

    public Project(long id, String name, String organizationId, Instant createdAt) {
        this(id, name, organizationId, createdAt, null, null);
    }

    /**
     * What the app calls this row wherever it shows one name: an environment's own name ("Stark Web Staging", as
     * PostHog and the projects table name it), else the project's name. Its project is said beside it or in a tip
     * ({@link #ofProject()}), never by a cut "Stark Web / St…" that reads like the project itself.
     */
    public String ownName() {
        return environment == null || environment.isBlank() ? name : environment;
    }

    /** The project this environment belongs to, as named in {@link #name}, or null for a project or an unknown one. */
    public String parentName() {
        if (parentId == null || environment == null) {
            return null;
        }
        String suffix = " / " + environment;
        return name.endsWith(suffix) && name.length() > suffix.length()
                ? name.substring(0, name.length() - suffix.length()) : null;
    }

    /** "Stark Web (id 401)" (or "id 401" when its name is unknown) for an environment, "" for a project. */
    public String parentLabel() {
        if (parentId == null) {
            return "";
        }
        String parent = parentName();
        return parent == null ? "id " + parentId : parent + " (id " + parentId + ")";
    }

    /**
     * How a sentence names it: the project's name, or an environment's own name with its project beside it,
     * "Stark Web Staging (environment of project Stark Web (id 401))", so that two environments of one name
     * ("Production") are told apart where no column says the project.
     */
    public String inText() {
        return parentId == null ? ownName() : ownName() + " (" + ofProject() + ")";
    }

    /** "environment of project Stark Web (id 401)" for an environment, "" for a project. */
    public String ofProject() {
        return parentId == null ? "" : "environment of project " + parentLabel();
    }
}
