package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * A sorted table with several rows selected keeps all of them when one moves to its sorted place: JavaFX's table keeps
 * the selection of rows inside a told permutation's span only, so the span reaches every selected row.
 */
@ExtendWith(ApplicationExtension.class)
class SortedSelectionFxTest {

    private ObservableList<SortedRowsTest.Item> source;
    private SortedRows<SortedRowsTest.Item> sorted;
    private TableView<SortedRowsTest.Item> table;

    @Start
    void start(Stage stage) {
        source = FXCollections.observableArrayList(i -> new Observable[] {i.key()});
        for (int i = 0; i < 10; i++) {
            source.add(new SortedRowsTest.Item(i, i * 10));
        }
        sorted = new SortedRows<>(source);
        sorted.setComparator(SortedRowsTest.BY_KEY);
        table = new TableView<>(sorted);
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        sorted.keepInPermutations(table.getSelectionModel()::getSelectedIndices);
        stage.setScene(new Scene(table, 300, 300));
        stage.show();
    }

    private List<Integer> selectedIds() {
        return table.getSelectionModel().getSelectedItems().stream().map(SortedRowsTest.Item::id).sorted().toList();
    }

    @Test
    void twoSelectedRowsStaySelectedWhenEitherMovesPastTheOther() {
        FxRobot robot = new FxRobot();
        robot.interact(() -> table.getSelectionModel().selectRange(6, 8)); // items 6 and 7, side by side
        robot.interact(() -> source.get(6).key().set(5)); // item 6 moves up to place 1, item 7 stays at 7
        assertEquals(List.of(6, 7), selectedIds());
        robot.interact(() -> source.get(7).key().set(200)); // item 7 moves down to the end
        assertEquals(List.of(6, 7), selectedIds());
        robot.interact(() -> source.get(3).key().set(1000)); // an unselected row moves past both
        assertEquals(List.of(6, 7), selectedIds());
        assertEquals(sorted.stream().sorted(SortedRowsTest.BY_KEY).toList(), List.copyOf(sorted));
    }

    @Test
    void randomMovesKeepEverySelectedRowAndTellTheListRight() {
        FxRobot robot = new FxRobot();
        Random random = new Random(11);
        List<SortedRowsTest.Item> copy = SortedRowsTest.mirror(sorted);
        for (int round = 0; round < 200; round++) {
            List<Integer> places = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                if (random.nextInt(4) == 0) {
                    places.add(i);
                }
            }
            int moved = random.nextInt(10);
            int key = random.nextInt(120);
            robot.interact(() -> {
                table.getSelectionModel().clearSelection();
                places.forEach(table.getSelectionModel()::select);
            });
            List<Integer> before = selectedIds();
            robot.interact(() -> source.get(moved).key().set(key));
            assertEquals(before, selectedIds(), "round " + round);
            assertEquals(List.copyOf(sorted), copy, "round " + round);
        }
    }
}
