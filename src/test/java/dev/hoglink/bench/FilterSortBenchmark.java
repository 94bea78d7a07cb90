package dev.hoglink.bench;

import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.theme.ThemeManager;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javafx.application.Platform;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * Typing in the filter and sorting the projects table, in-process, at several sizes: the real main window
 * (FXML, CSS, the table's cells) over an organization of N projects, in a 1024x700 stage on Monocle's headless
 * screen. Each figure is the time on the FX thread from the change (a keystroke's search text, a click on a column
 * header) until the scene's CSS and layout are done, which is what the next frame waits for (software
 * rendering of the frame itself is not counted), and the FX thread's CPU time for it (which a busy machine does
 * not inflate). Also the live heap per loaded row, after full GCs. Prints
 * {@code name=value} lines; not a test. Run by {@code packaging/bench-filter.sh}.
 *
 * <pre>FilterSortBenchmark [sizes=2000,10000] [rounds=5]</pre>
 */
public final class FilterSortBenchmark {

    private static final Organization ORG = new Organization("org-b", "Bench", "bench", Organization.OWNER);
    private static final String[] WORDS = {"web", "mobile", "api", "data", "docs", "billing", "labs", "search",
        "growth", "infra", "checkout", "support"};

    private FilterSortBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("glass.platform", System.getProperty("glass.platform", "Monocle"));
        System.setProperty("monocle.platform", System.getProperty("monocle.platform", "Headless"));
        System.setProperty("prism.order", System.getProperty("prism.order", "sw"));
        System.setProperty("headless.geometry", "1920x1200-32");
        int[] sizes = Arrays.stream((args.length > 0 ? args[0] : "2000,10000").split(",")).mapToInt(Integer::parseInt).toArray();
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        CompletableFuture<Void> started = new CompletableFuture<>();
        Platform.startup(() -> started.complete(null));
        started.get(30, TimeUnit.SECONDS);
        Platform.setImplicitExit(false); // closing one stage between sizes must not end the toolkit
        System.out.printf(Locale.ROOT, "cores=%d load_average=%.2f%n", Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        for (int n : sizes) {
            floor(n, rounds);
            run(n, rounds);
            sortedLoad(n);
        }
        Platform.exit();
        System.exit(0);
    }

    /** Opens the main window over the organization and loads it (optionally with a sort on first); the load's ms. */
    private static double load(int n, FakeInventoryService fake, boolean sortFirst, Object[] keep, Stage[] stage)
            throws Exception {
        long[] loadStart = new long[1];
        onFx(() -> {
            InventoryViewModel vm = new InventoryViewModel(new dev.hoglink.ui.common.ExecutorTaskRunner(
                    java.util.concurrent.Executors.newFixedThreadPool(4), Platform::runLater), null, Clock.systemUTC(), 8);
            ThemeManager theme = new ThemeManager(t -> { });
            theme.apply(ThemeManager.Theme.LIGHT);
            ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC,
                    new MainWindowHarness.RecordingActions());
            Scene scene = new Scene(loaded.root(), 1024, 700);
            theme.register(scene);
            stage[0] = new Stage();
            stage[0].setScene(scene);
            stage[0].show();
            if (sortFirst) { // a sort on before the rows come: by status, as a click on its header does
                @SuppressWarnings("unchecked")
                TableView<Object> t = (TableView<Object>) scene.getRoot().lookup("#projectsTable");
                t.getSortOrder().setAll(List.of(t.getColumns().get(1)));
            }
            loadStart[0] = System.nanoTime();
            vm.connect("https://bench.invalid", fake, ORG.id());
            keep[0] = vm;
            keep[1] = loaded;
            return null;
        });
        InventoryViewModel vm = (InventoryViewModel) keep[0];
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (onFx(() -> vm.busyProperty().get() || vm.rows().size() < n)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the rows did not load");
            }
            Thread.sleep(50); // not a test: waits for the load to finish
        }
        onFx(() -> {
            settle(stage[0].getScene().getRoot());
            return null;
        });
        return (System.nanoTime() - loadStart[0]) / 1e6;
    }

    /** A second load with the table sorted by status from the start (every row change can move a row). */
    private static void sortedLoad(int n) throws Exception {
        Object[] keep = new Object[2];
        Stage[] stage = new Stage[1];
        double ms = load(n, organization(n), true, keep, stage);
        System.out.printf(Locale.ROOT, "rows=%d sorted_load_ms=%.0f%n", n, ms);
        onFx(() -> {
            stage[0].close();
            return null;
        });
    }

    private static void run(int n, int rounds) throws Exception {
        long heapBefore = liveHeap();
        FakeInventoryService fake = organization(n);
        long heapFake = liveHeap();
        Object[] keep = new Object[2];
        Stage[] stage = new Stage[1];
        double loadMs = load(n, fake, false, keep, stage);
        InventoryViewModel vm = (InventoryViewModel) keep[0];
        System.out.printf(Locale.ROOT, "rows=%d load_ms=%.0f%n", n, loadMs);
        long heapLoaded = liveHeap();
        System.out.printf(Locale.ROOT, "rows=%d loaded=%d live_heap_rows_and_window_mb=%.1f live_heap_per_row_bytes=%d%n",
                n, vm.rows().size(), (heapLoaded - heapFake) / 1048576.0, (heapLoaded - heapFake) / Math.max(1, n));
        System.out.printf(Locale.ROOT, "rows=%d live_heap_fake_service_mb=%.1f%n", n, (heapFake - heapBefore) / 1048576.0);
        Parent root = stage[0].getScene().getRoot();

        // Typing "checkout 1" one key at a time, then deleting it again.
        String typed = "checkout 1";
        List<Double> keys = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 1; i <= typed.length(); i++) {
                String text = typed.substring(0, i);
                keys.add(timed(() -> vm.table().searchTextProperty().set(text), root));
            }
            for (int i = typed.length() - 1; i >= 0; i--) {
                String text = typed.substring(0, i);
                keys.add(timed(() -> vm.table().searchTextProperty().set(text), root));
            }
        }
        report(n, "keystroke", keys);

        @SuppressWarnings("unchecked")
        TableView<Object> table = (TableView<Object>) root.lookup("#projectsTable");
        List<Double> sorts = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (TableColumn<Object, ?> col : table.getColumns()) {
                sorts.add(timed(() -> {
                    col.setSortType(TableColumn.SortType.ASCENDING);
                    table.getSortOrder().setAll(List.of(col));
                }, root));
                sorts.add(timed(() -> col.setSortType(TableColumn.SortType.DESCENDING), root));
            }
            sorts.add(timed(() -> table.getSortOrder().clear(), root));
        }
        report(n, "sort", sorts);
        onFx(() -> {
            stage[0].close();
            return null;
        });
        keep[0] = null;
        keep[1] = null;
    }

    /**
     * The floor: a bare TableView (seven text columns, default cells, no CSS of Hoglink's) over a filtered and
     * sorted list of N rows with the same names, in the same stage size, filtered by the same keystrokes.
     */
    private static void floor(int n, int rounds) throws Exception {
        javafx.collections.ObservableList<String[]> rows = javafx.collections.FXCollections.observableArrayList();
        for (int i = 1; i <= n; i++) {
            rows.add(new String[] {WORDS[i % WORDS.length] + " " + i, "Connected", "acme-" + (i % 50),
                Integer.toString(90_000_000 + i % 50), "selected · 57", "12 other projects", "user" + (i % 20)});
        }
        javafx.collections.transformation.FilteredList<String[]> filtered = new javafx.collections.transformation.FilteredList<>(rows);
        javafx.collections.transformation.SortedList<String[]> sorted = new javafx.collections.transformation.SortedList<>(filtered);
        Stage[] stage = new Stage[1];
        TableView<String[]> table = onFx(() -> {
            TableView<String[]> t = new TableView<>(sorted);
            for (int c = 0; c < 7; c++) {
                int col = c;
                TableColumn<String[], String> column = new TableColumn<>("Column " + c);
                column.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyStringWrapper(d.getValue()[col]));
                column.setPrefWidth(140);
                t.getColumns().add(column);
            }
            sorted.comparatorProperty().bind(t.comparatorProperty());
            stage[0] = new Stage();
            stage[0].setScene(new Scene(t, 1024, 700));
            stage[0].show();
            settle(t);
            return t;
        });
        String typed = "checkout 1";
        List<Double> keys = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (int i = 1; i <= typed.length(); i++) {
                String text = typed.substring(0, i);
                keys.add(timed(() -> filtered.setPredicate(a -> a[0].contains(text) || a[2].contains(text)), table));
            }
            for (int i = typed.length() - 1; i >= 0; i--) {
                String text = typed.substring(0, i);
                keys.add(timed(() -> filtered.setPredicate(a -> a[0].contains(text) || a[2].contains(text)), table));
            }
        }
        report(n, "floor_keystroke", keys);
        List<Double> sorts = new ArrayList<>();
        for (int r = 0; r < rounds; r++) {
            for (TableColumn<String[], ?> col : table.getColumns()) {
                sorts.add(timed(() -> table.getSortOrder().setAll(List.of(col)), table));
            }
        }
        report(n, "floor_sort", sorts);
        onFx(() -> {
            stage[0].close();
            return null;
        });
    }

    private static void report(int n, String what, List<Double> ms) {
        print(n, what + "_ms", ms);
        print(n, what + "_cpu_ms", new ArrayList<>(CPU_MS));
        CPU_MS.clear();
    }

    private static void print(int n, String what, List<Double> ms) {
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "rows=%d %s_median=%.1f %s_p90=%.1f %s_max=%.1f samples=%d%n", n, what,
                sorted[sorted.length / 2], what, sorted[(int) (sorted.length * 0.9)], what, sorted[sorted.length - 1],
                sorted.length);
    }

    /**
     * The FX thread's CPU time of each change timed since the last report: on a shared machine the wall-clock time
     * also counts the time the thread waited for a core, this does not.
     */
    private static final List<Double> CPU_MS = new ArrayList<>();

    /** Runs the change on the FX thread and times it with the CSS and layout it causes. */
    private static double timed(Runnable change, Parent root) throws Exception {
        double[] cpu = new double[1];
        double wall = onFx(() -> {
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long c0 = threads.getCurrentThreadCpuTime();
            long t0 = System.nanoTime();
            change.run();
            settle(root);
            cpu[0] = (threads.getCurrentThreadCpuTime() - c0) / 1e6;
            return (System.nanoTime() - t0) / 1e6;
        });
        CPU_MS.add(cpu[0]);
        return wall;
    }

    private static void settle(Parent root) {
        root.applyCss();
        root.layout();
    }

    private static <T> T onFx(Supplier<T> work) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        Platform.runLater(() -> {
            try {
                f.complete(work.get());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(5, TimeUnit.MINUTES);
    }

    private static long liveHeap() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100); // not a test: lets the collector finish between rounds
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** N projects with plausible names; two in three linked to one of 50 installations; every 97th one's link broken. */
    static FakeInventoryService organization(int n) {
        return new FakeInventoryService().withLargeOrganization(ORG, n, WORDS, 97);
    }
}
