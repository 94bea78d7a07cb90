package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import javafx.beans.Observable;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.collections.FXCollections;
import javafx.collections.ListChangeListener;
import javafx.collections.ObservableList;
import org.junit.jupiter.api.Test;

/**
 * The table's sorted rows under random changes (adds, removes, replaces, key changes, filters, comparator changes): the
 * list is always the source sorted, and a copy kept only from the changes it tells (as the table keeps its rows
 * and selection) is always the same list.
 */
class SortedRowsTest {

    record Item(int id, IntegerProperty key) {
        Item(int id, int key) {
            this(id, new SimpleIntegerProperty(key));
        }

        @Override
        public String toString() {
            return id + ":" + key.get();
        }
    }

    static final Comparator<Item> BY_KEY = Comparator.<Item>comparingInt(i -> i.key().get()).thenComparingInt(Item::id);

    /** Applies a list's changes to a copy, as a listener that only sees the changes would. */
    static <E> List<E> mirror(ObservableList<E> list) {
        List<E> copy = new ArrayList<>(list);
        list.addListener((ListChangeListener<E>) c -> {
            while (c.next()) {
                if (c.wasPermutated()) {
                    List<E> moved = new ArrayList<>(copy.subList(c.getFrom(), c.getTo()));
                    for (int i = c.getFrom(); i < c.getTo(); i++) {
                        copy.set(c.getPermutation(i), moved.get(i - c.getFrom()));
                    }
                } else if (!c.wasUpdated()) {
                    assertEquals(copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()), c.getRemoved());
                    copy.subList(c.getFrom(), c.getFrom() + c.getRemovedSize()).clear();
                    copy.addAll(c.getFrom(), c.getAddedSubList());
                }
            }
        });
        return copy;
    }

    @Test
    void staysSortedAndTellsEveryMoveUnderRandomChanges() {
        Random random = new Random(7);
        ObservableList<Item> source = FXCollections.observableArrayList(i -> new Observable[] {i.key()});
        javafx.collections.transformation.FilteredList<Item> filtered = new javafx.collections.transformation.FilteredList<>(source);
        SortedRows<Item> sorted = new SortedRows<>(filtered);
        List<Item> seen = mirror(sorted);
        int next = 0;
        for (int step = 0; step < 3_000; step++) {
            int op = random.nextInt(11);
            if (op < 3 || source.size() < 5) {
                source.add(random.nextInt(source.size() + 1), new Item(next++, random.nextInt(50)));
            } else if (op < 4) {
                source.remove(random.nextInt(source.size()));
            } else if (op < 5) {
                source.set(random.nextInt(source.size()), new Item(next++, random.nextInt(50)));
            } else if (op < 9) {
                source.get(random.nextInt(source.size())).key().set(random.nextInt(50));
            } else if (op < 10) {
                filtered.setPredicate(random.nextBoolean() ? null : i -> i.key().get() % 3 != 0); // a key change can hide a row
            } else {
                sorted.setComparator(random.nextBoolean() ? null : random.nextBoolean() ? BY_KEY : BY_KEY.reversed());
            }
            List<Item> expected = new ArrayList<>(filtered);
            if (sorted.getComparator() != null) {
                expected.sort(sorted.getComparator());
            }
            assertEquals(expected, List.copyOf(sorted), "step " + step);
            assertEquals(expected, seen, "as told by the changes, step " + step);
        }
    }
}
