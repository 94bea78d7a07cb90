package dev.hoglink.ui.inventory;

/** What the GitHub column of a project row says. The order is the sort order. */
public enum RowState {
    CONNECTED("Connected"),
    NOT_CONNECTED("Not connected"),
    UNAVAILABLE("Unavailable"),
    TOKEN_ERROR("Token error"),
    /** GitHub rows that name no installation: nothing to use or share until GitHub is connected again. */
    NO_INSTALLATION("No installation"),
    FAILED("Failed"),
    LOADING("Loading…");

    private final String label;

    RowState(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public boolean isProblem() {
        return this == UNAVAILABLE || this == TOKEN_ERROR || this == NO_INSTALLATION || this == FAILED;
    }
}
