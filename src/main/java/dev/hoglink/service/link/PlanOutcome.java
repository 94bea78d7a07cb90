package dev.hoglink.service.link;

import java.util.Locale;

/**
 * What a bulk link plan predicts for one project, from what Hoglink already knows (the project's GitHub rows,
 * the key's scopes, the user's level, the user's personal GitHub links and the installation's health). Only
 * {@link #WILL_LINK} rows are sent by default; the rest say why not. The order is the order of the counts.
 */
public enum PlanOutcome {
    WILL_LINK("Will link"),
    ALREADY_LINKED("Already linked"),
    NEEDS_PERSONAL_GITHUB("Needs your personal GitHub link"),
    NEEDS_PROJECT_ADMIN("Needs a project admin"),
    INSTALLATION_UNAVAILABLE("Installation unavailable"),
    NOT_ALLOWED_BY_KEY("Not allowed by the key");

    private final String label;

    PlanOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    /** How plan files write it: will_link, already_linked, ... */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static PlanOutcome fromWire(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }
}
