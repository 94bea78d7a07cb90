package dev.hoglink.ui.inventory;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import javafx.collections.transformation.TransformationList;

/**
 * The shown rows in the table's order: like JavaFX's {@code SortedList}, but a changed row only moves to its new
 * place. {@code SortedList} sorts the whole list again for every update change (at least one comparison per row
 * even when nothing moves), and a load changes every row several times: with a sort on, a load of N rows cost about
 * N x N comparisons. Here an update finds the row (an identity scan, no comparison; the place of the row moved
 * last is tried first, as a read changes several properties of one row in a row), takes it out and puts it back
 * where a binary search says: O(log N) comparisons. A row that moves is told as a permutation of the rows between
 * its two places, then an update, as {@code SortedList} does, so the table keeps its selection and scroll position.
 * With no comparator the rows are the source's, in its order. UI thread only.
 */
final class SortedRows<E> extends TransformationList<E, E> {

    private final List<E> order = new ArrayList<>();
    /** Where the last moved row went: a read changes several of a row's properties one after another. */
    private int hint;
    private final ObjectProperty<Comparator<? super E>> comparator = new SimpleObjectProperty<>(this, "comparator") {
        @Override
        protected void invalidated() {
            resort();
        }
    };

    SortedRows(ObservableList<? extends E> source) {
        super(source);
        order.addAll(source);
    }

    /** Places every permutation told for a moved row reaches (see {@link #keepInPermutations}). */
    private java.util.function.Supplier<? extends List<Integer>> kept = List::of;

    /**
     * Places (before the change) that every permutation told for a moved row must reach: the table's selected rows.
     * JavaFX's table keeps the selection of the rows inside a permutation's range only, so a selected row outside it
     * was dropped when another selected row moved (two rows selected, one of them read again).
     */
    void keepInPermutations(java.util.function.Supplier<? extends List<Integer>> places) {
        kept = java.util.Objects.requireNonNull(places);
    }

    /** The order; null keeps the source's. */
    ObjectProperty<Comparator<? super E>> comparatorProperty() {
        return comparator;
    }

    void setComparator(Comparator<? super E> c) {
        comparator.set(c);
    }

    Comparator<? super E> getComparator() {
        return comparator.get();
    }

    @Override
    public E get(int index) {
        return order.get(index);
    }

    @Override
    public int size() {
        return order.size();
    }

    @Override
    public int getSourceIndex(int index) {
        E e = order.get(index);
        List<? extends E> src = getSource();
        for (int i = 0; i < src.size(); i++) {
            if (src.get(i) == e) {
                return i;
            }
        }
        return -1;
    }

    @Override
    public int getViewIndex(int index) {
        return indexOf(getSource().get(index), -1);
    }

    @Override
    protected void sourceChanged(ListChangeListener.Change<? extends E> c) {
        beginChange();
        try {
            Comparator<? super E> cmp = comparator.get();
            while (c.next()) {
                if (cmp == null) {
                    followUnsorted(c);
                } else if (c.wasPermutated()) {
                    continue; // the sorted order does not depend on the source's
                } else if (c.wasUpdated()) {
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        moveToPlace(c.getList().get(i), cmp);
                    }
                } else {
                    for (E e : c.getRemoved()) {
                        int at = indexOf(e, -1);
                        if (at >= 0) {
                            order.remove(at);
                            nextRemove(at, e);
                        }
                    }
                    for (E e : c.getAddedSubList()) {
                        int at = place(e, cmp);
                        order.add(at, e);
                        nextAdd(at, at + 1);
                    }
                }
            }
        } finally {
            endChange();
        }
    }

    /** No comparator: the same change on the same places. */
    private void followUnsorted(ListChangeListener.Change<? extends E> c) {
        int from = c.getFrom();
        if (c.wasPermutated()) {
            int[] perm = new int[c.getTo() - from];
            List<E> moved = new ArrayList<>(order.subList(from, c.getTo()));
            for (int i = from; i < c.getTo(); i++) {
                perm[i - from] = c.getPermutation(i);
                order.set(c.getPermutation(i), moved.get(i - from));
            }
            nextPermutation(from, c.getTo(), perm);
        } else if (c.wasUpdated()) {
            for (int i = from; i < c.getTo(); i++) {
                nextUpdate(i);
            }
        } else {
            List<E> removed = new ArrayList<>(c.getRemoved());
            order.subList(from, from + c.getRemovedSize()).clear();
            order.addAll(from, c.getAddedSubList());
            if (c.wasAdded() && c.wasRemoved()) {
                nextReplace(from, c.getTo(), removed);
            } else if (c.wasRemoved()) {
                nextRemove(from, removed);
            } else {
                nextAdd(from, c.getTo());
            }
        }
    }

    /** An updated row: out of its place and in again where its keys now say (O(log N) comparisons). */
    private void moveToPlace(E e, Comparator<? super E> cmp) {
        int from = indexOf(e, -1);
        if (from < 0) {
            return;
        }
        order.remove(from);
        int to = place(e, cmp);
        order.add(to, e);
        hint = to;
        if (to != from) {
            int movedLo = Math.min(from, to);
            int movedHi = Math.max(from, to);
            int lo = movedLo;
            int hi = movedHi;
            for (int i : kept.get()) { // the told range reaches each of them; they keep their places
                if (i >= 0 && i < order.size()) {
                    lo = Math.min(lo, i);
                    hi = Math.max(hi, i);
                }
            }
            int[] perm = new int[hi - lo + 1];
            for (int i = lo; i <= hi; i++) {
                perm[i - lo] = i == from ? to : i < movedLo || i > movedHi ? i : from < to ? i - 1 : i + 1;
            }
            nextPermutation(lo, hi + 1, perm);
        }
        nextUpdate(to);
    }

    /** Where a row goes among the others: after every row not greater (a binary search). */
    private int place(E e, Comparator<? super E> cmp) {
        int lo = 0;
        int hi = order.size();
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cmp.compare(order.get(mid), e) <= 0) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The row's place in this list by identity (no comparison); -1 when absent. */
    private int indexOf(E e, int notFound) {
        if (hint < order.size() && order.get(hint) == e) {
            return hint;
        }
        for (int i = 0; i < order.size(); i++) {
            if (order.get(i) == e) {
                return i;
            }
        }
        return notFound;
    }

    /** A new comparator: every row sorted once (N log N), told as one permutation so the selection follows. */
    private void resort() {
        Map<E, Integer> was = new IdentityHashMap<>(order.size() * 2);
        for (int i = 0; i < order.size(); i++) {
            was.put(order.get(i), i);
        }
        Comparator<? super E> cmp = comparator.get();
        List<E> next = new ArrayList<>(getSource());
        if (cmp != null) {
            next.sort(cmp);
        }
        int[] perm = new int[order.size()];
        for (int i = 0; i < next.size(); i++) {
            perm[was.get(next.get(i))] = i;
        }
        order.clear();
        order.addAll(next);
        if (!order.isEmpty()) {
            beginChange();
            nextPermutation(0, order.size(), perm);
            endChange();
        }
    }
}
