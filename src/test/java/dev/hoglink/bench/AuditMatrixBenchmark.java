package dev.hoglink.bench;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.ui.audit.AuditViewModel;
import dev.hoglink.ui.audit.AuditWindowFixture;
import dev.hoglink.ui.audit.MatrixRow;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;

/**
 * How long the audit's matrix takes at 2,000 projects × 50 installations, in process, on the FX thread: showing
 * the report and laying the Matrix tab out, then 40 vertical and 40 sideways scroll steps (each: set the scroll
 * bar, CSS and layout of the window). The floor, in the same run: a plain table of the same rows and columns with
 * a fixed cell size and no pinned column (what the matrix was before). Scene-graph work only (CSS, layout), not
 * the painting. Not a test; prints {@code name=value} lines.
 * <pre>xvfb-run -a java -Dprism.order=sw -cp … dev.hoglink.bench.AuditMatrixBenchmark$Main</pre>
 */
public final class AuditMatrixBenchmark extends Application {

    static final Organization ORG = new Organization("org-1", "Initech Scale", "initech-scale", Organization.OWNER);

    /** Plain entry point (a main in the Application subclass trips the launcher's module check). */
    public static final class Main {
        public static void main(String[] args) {
            launch(AuditMatrixBenchmark.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        for (long id = 1; id <= 2000; id++) {
            fake.addProject(ORG.id(), id, String.format(Locale.ROOT, "Initech %04d", id));
            if (id % 4 != 0) {
                long inst = (id - 1) / 40;
                fake.link(id, 10_000 + id, String.valueOf(20_000_001 + inst), "initech-" + (inst + 1),
                        AccountType.ORGANIZATION, inst % 17 == 16 ? LinkStatus.UNAVAILABLE : LinkStatus.CONNECTED, "Ada");
            }
        }
        AuditReport report = new AuditService(fake, null, null, Clock.systemUTC(), 4)
                .audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);
        ThemeManager theme = AuditWindowFixture.theme(ThemeManager.Theme.LIGHT);
        AuditViewModel vm = AuditWindowFixture.viewModel(Runnable::run, null, AuditWindowFixture.inert(false));
        Scene scene = AuditWindowFixture.show(stage, vm, null, theme, 1024, 700).scene();
        Stage floorStage = new Stage();
        TableView<MatrixRow> floor = floorTable(report);
        Scene floorScene = new Scene(floor, 1024, 700);
        theme.register(floorScene);
        floorStage.setScene(floorScene);
        floorStage.show();
        Platform.runLater(() -> {
            try {
                long t0 = System.nanoTime();
                vm.show(report);
                ((TabPane) scene.lookup(".tab-pane")).getSelectionModel().select(2);
                layout(scene.getRoot());
                double show = ms(System.nanoTime() - t0);
                TableView<?> matrix = (TableView<?>) scene.lookup("#matrixTable");
                long f0 = System.nanoTime();
                floor.getItems().setAll(vm.matrixRows());
                layout(floor);
                double floorShow = ms(System.nanoTime() - f0);
                System.out.printf(Locale.ROOT, "rows=%d%ncolumns=%d%n", matrix.getItems().size(), matrix.getColumns().size());
                System.out.printf(Locale.ROOT, "show_ms=%.1f%nfloor_show_ms=%.1f%n", show, floorShow);
                for (int round = 1; round <= 3; round++) {
                    double[] v = scroll(scene.getRoot(), matrix, Orientation.VERTICAL);
                    double[] h = scroll(scene.getRoot(), matrix, Orientation.HORIZONTAL);
                    double[] fv = scroll(floor, floor, Orientation.VERTICAL);
                    double[] fh = scroll(floor, floor, Orientation.HORIZONTAL);
                    System.out.printf(Locale.ROOT, "round=%d vscroll_median_ms=%.2f vscroll_max_ms=%.2f hscroll_median_ms=%.2f "
                                    + "hscroll_max_ms=%.2f floor_vscroll_median_ms=%.2f floor_hscroll_median_ms=%.2f "
                                    + "ratio_v=%.2f ratio_h=%.2f%n", round, median(v), max(v), median(h), max(h),
                            median(fv), median(fh), median(v) / median(fv), median(h) / median(fh));
                }
            } catch (RuntimeException e) {
                e.printStackTrace();
            } finally {
                Platform.exit();
            }
        });
    }

    private static TableView<MatrixRow> floorTable(AuditReport r) {
        TableView<MatrixRow> t = new TableView<>();
        t.setFixedCellSize(28);
        List<TableColumn<MatrixRow, ?>> cols = new ArrayList<>();
        TableColumn<MatrixRow, String> p = new TableColumn<>("Project");
        p.setPrefWidth(180);
        p.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().project().name()));
        cols.add(p);
        for (AuditReport.InstallationAudit i : r.installations()) {
            TableColumn<MatrixRow, LinkStatus> c = new TableColumn<>(i.account());
            c.setPrefWidth(Math.max(90, i.account().length() * 9 + 40));
            c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().cell(i.installationId()).orElse(null)));
            cols.add(c);
        }
        t.getColumns().setAll(cols);
        return t;
    }

    private static double[] scroll(Parent root, TableView<?> table, Orientation o) {
        ScrollBar bar = table.lookupAll(".scroll-bar").stream().filter(n -> n instanceof ScrollBar b
                && b.getOrientation() == o).map(n -> (ScrollBar) n).findFirst().orElseThrow();
        double[] t = new double[40];
        for (int i = 0; i < t.length; i++) {
            long s = System.nanoTime();
            bar.setValue(bar.getMin() + (bar.getMax() - bar.getMin()) * (i % 2 == 0 ? i : t.length - i) / t.length);
            layout(root);
            t[i] = ms(System.nanoTime() - s);
        }
        return t;
    }

    private static void layout(Parent root) {
        root.applyCss();
        root.layout();
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static double median(double[] a) {
        double[] c = a.clone();
        Arrays.sort(c);
        return c[c.length / 2];
    }

    private static double max(double[] a) {
        return Arrays.stream(a).max().orElse(0);
    }
}
