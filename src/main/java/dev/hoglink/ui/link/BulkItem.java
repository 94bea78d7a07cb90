package dev.hoglink.ui.link;

import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/** One target project of a bulk link, with its own state and result text. Changed on the UI thread. */
public final class BulkItem {

    /** Where this project is in the job. */
    public enum State {
        WAITING("Waiting"), SKIPPED("Already uses it"), RUNNING("Linking…"), LINKED("Linked"), FAILED("Not linked"),
        UNKNOWN("Unknown"), NOT_RUN("Not sent");

        private final String label;

        State(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final LinkService.Target target;
    private final ReadOnlyObjectWrapper<State> state = new ReadOnlyObjectWrapper<>(State.WAITING);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private LinkResult result;

    BulkItem(LinkService.Target target) {
        this.target = target;
    }

    public LinkService.Target target() {
        return target;
    }

    public String name() {
        return target.project().name();
    }

    public ReadOnlyObjectProperty<State> stateProperty() {
        return state.getReadOnlyProperty();
    }

    public State state() {
        return state.get();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public String message() {
        return message.get();
    }

    /** The last link result of this project, or null. */
    public LinkResult result() {
        return result;
    }

    void set(State s, String text) {
        state.set(s);
        message.set(text == null ? "" : text);
    }

    void setResult(LinkResult r) {
        this.result = r;
    }
}
