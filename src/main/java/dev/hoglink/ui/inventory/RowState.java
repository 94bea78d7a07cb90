package dev.hoglink.ui.inventory;

import dev.hoglink.model.ProjectState;

/**
 * What the GitHub column of a project row says: the model's {@link ProjectState} while the row is known, plus
 * the table's own LOADING. The order is the sort order.
 */
public enum RowState {
    CONNECTED(ProjectState.CONNECTED),
    NOT_CONNECTED(ProjectState.NOT_CONNECTED),
    UNAVAILABLE(ProjectState.UNAVAILABLE),
    TOKEN_ERROR(ProjectState.TOKEN_ERROR),
    /** GitHub rows that name no installation: nothing to use or share until GitHub is connected again. */
    NO_INSTALLATION(ProjectState.NO_INSTALLATION),
    /** The row's links could not be read: the model's {@link ProjectState#UNKNOWN}. */
    FAILED(ProjectState.UNKNOWN),
    LOADING(null);

    private final ProjectState model;

    RowState(ProjectState model) {
        this.model = model;
    }

    /** The table's word for a model state. */
    public static RowState of(ProjectState s) {
        for (RowState r : values()) {
            if (r.model == s) {
                return r;
            }
        }
        throw new IllegalArgumentException(String.valueOf(s));
    }

    /** The state's word: the model's, so a row that could not be read reads "Couldn't load" here as in the audit. */
    public String label() {
        return model == null ? "Loading…" : model.label();
    }

    /** The colour the state shows in: the model state's, so the table and the audit colour it alike. */
    public dev.hoglink.ui.common.StateTone tone() {
        return dev.hoglink.ui.common.StateTone.of(model);
    }

    public boolean isProblem() {
        return model != null && model.isProblem();
    }
}
