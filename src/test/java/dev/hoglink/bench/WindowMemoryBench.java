package dev.hoglink.bench;

import dev.hoglink.HoglinkApp;
import dev.hoglink.model.Organization;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.credentials.CredentialStore;
import dev.hoglink.service.credentials.SessionCredentialStore;
import dev.hoglink.ui.inventory.InventoryViewModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.util.Duration;

/**
 * Resident memory of the real window on a large organization (packaging/bench-memory.sh runs it under Xvfb with
 * the JVM options of the desktop launch): opens a saved connection to a standalone sandbox (URL and key from
 * HOGLINK_BENCH_URL / HOGLINK_BENCH_KEY, the key in a memory keyring), chooses the organization named
 * HOGLINK_BENCH_ORG (prefix), waits until every row's GitHub status is read, opens the audit (Ctrl+Shift+A) and
 * keeps it open for HOGLINK_BENCH_AUDIT_S seconds, printing the process's resident memory (VmRSS, and its peak
 * VmHWM, from /proc/self/status) at each step, then the heap in use after a full GC. Prints figures, asserts
 * nothing. With HOGLINK_BENCH_DUMP=folder it also writes, once the inventory is read ({@code loaded-*}) and at the
 * audit's end ({@code audit-*}), the JVM's native memory summary (when started with
 * {@code -XX:NativeMemoryTracking=summary}), {@code pmap -x} of the process and, last, a class histogram of the heap
 * (it collects first, so it is taken after the figures of that moment are printed).
 */
public final class WindowMemoryBench {

    private WindowMemoryBench() {
    }

    public static void main(String[] args) throws Exception {
        Path home = Files.createTempDirectory("hoglink-membench");
        System.setProperty("hoglink.home", home.toString());
        new ProfileStore(home.resolve("config").resolve(ProfileStore.FILE_NAME), Clock.systemUTC())
                .add(ConnectionProfile.of("Big", PostHogHost.parse(System.getenv("HOGLINK_BENCH_URL"))));
        new ProfileStore(home.resolve("config").resolve(ProfileStore.FILE_NAME), Clock.systemUTC()).setLastUsed("Big");
        dev.hoglink.RenderingPipeline.chooseSoftwareWithoutGpu();   // as the desktop launch does
        Application.launch(App.class);
    }

    /** The app with the bench's key in a memory keyring. */
    public static final class App extends HoglinkApp {
        private long t0;
        private int step;
        private long auditOpenedAt;

        @Override
        protected CredentialStore createKeyring() {
            SessionCredentialStore keys = new SessionCredentialStore();
            try {
                keys.write("Big", System.getenv("HOGLINK_BENCH_KEY"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return keys;
        }

        @Override
        public void start(Stage stage) {
            super.start(stage);
            t0 = System.nanoTime();
            Timeline poll = new Timeline(new KeyFrame(Duration.millis(500), e -> tick(stage)));
            poll.setCycleCount(Timeline.INDEFINITE);
            poll.play();
        }

        private void tick(Stage stage) {
            InventoryViewModel vm = inventory();
            String prefix = System.getenv().getOrDefault("HOGLINK_BENCH_ORG", "Initech");
            long s = (System.nanoTime() - t0) / 1_000_000_000L;
            if (s > 900) {
                print("timeout");
                Platform.exit();
            }
            switch (step) {
                case 0 -> {
                    Organization org = vm.organizations().stream().filter(o -> o.name().startsWith(prefix))
                            .findFirst().orElse(null);
                    if (org != null && vm.connectedProperty().get()) {
                        vm.selectedOrganizationProperty().set(org);
                        step = 1;
                    }
                }
                case 1 -> {
                    // every project of the organization the sandbox was started with is a row, and every row is read
                    int projects = Integer.parseInt(System.getenv().getOrDefault("HOGLINK_BENCH_PROJECTS", "101"));
                    if (!vm.busyProperty().get() && vm.rows().size() >= projects
                            && (vm.totalProperty().get() == 0 || vm.doneProperty().get() >= vm.totalProperty().get())) {
                        print("loaded rows=" + vm.rows().size() + " after " + s + " s");
                        dump("loaded");
                        stage.getScene().getAccelerators().get(new KeyCodeCombination(KeyCode.A,
                                KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN)).run();
                        auditOpenedAt = System.nanoTime();
                        step = 2;
                    }
                }
                case 2 -> {
                    long open = (System.nanoTime() - auditOpenedAt) / 1_000_000_000L;
                    if (open % 10 == 0) {
                        print("audit open " + open + " s, windows=" + Window.getWindows().size());
                    }
                    if (open >= Long.parseLong(System.getenv().getOrDefault("HOGLINK_BENCH_AUDIT_S", "60"))) {
                        print("audit open end");
                        dump("audit");
                        System.gc();
                        Runtime r = Runtime.getRuntime();
                        System.out.println("membench.heap_after_gc_mb=" + (r.totalMemory() - r.freeMemory()) / (1024 * 1024)
                                + " heap_committed_mb=" + r.totalMemory() / (1024 * 1024)
                                + " heap_max_mb=" + r.maxMemory() / (1024 * 1024));
                        print("after gc");
                        Runtime.getRuntime().halt(0);
                    }
                }
                default -> { }
            }
        }

        /** The breakdown of this moment into HOGLINK_BENCH_DUMP, if set (see the class comment). */
        private static void dump(String moment) {
            String dir = System.getenv("HOGLINK_BENCH_DUMP");
            if (dir == null || dir.isBlank()) {
                return;
            }
            try {
                Path d = Files.createDirectories(Path.of(dir));
                String pid = Long.toString(ProcessHandle.current().pid());
                Files.writeString(d.resolve(moment + "-nmt.txt"), diagnostic("vmNativeMemory", "summary"));
                new ProcessBuilder("pmap", "-x", pid).redirectErrorStream(true)
                        .redirectOutput(d.resolve(moment + "-pmap.txt").toFile()).start().waitFor();
                Files.writeString(d.resolve(moment + "-threads.txt"), diagnostic("threadPrint"));
                Files.writeString(d.resolve(moment + "-heap.txt"), diagnostic("gcHeapInfo"));
                Files.writeString(d.resolve(moment + "-histogram.txt"), diagnostic("gcClassHistogram"));
            } catch (Exception e) {
                System.out.println("membench dump " + moment + " failed: " + e);
            }
        }

        /** A diagnostic command of this JVM (as jcmd runs it), through the platform MBean server. */
        private static String diagnostic(String operation, String... args) throws Exception {
            return (String) java.lang.management.ManagementFactory.getPlatformMBeanServer().invoke(
                    new javax.management.ObjectName("com.sun.management:type=DiagnosticCommand"), operation,
                    new Object[] {args}, new String[] {String[].class.getName()});
        }

        private static void print(String what) {
            String rss = "?";
            String hwm = "?";
            try {
                for (String l : Files.readAllLines(Path.of("/proc/self/status"))) {
                    if (l.startsWith("VmRSS:")) {
                        rss = l.replaceAll("\\D", "");
                    } else if (l.startsWith("VmHWM:")) {
                        hwm = l.replaceAll("\\D", "");
                    }
                }
            } catch (Exception e) {
                // figures stay "?"
            }
            System.out.println("membench " + what + ": rss_mb=" + (rss.equals("?") ? rss : Long.parseLong(rss) / 1024)
                    + " peak_rss_mb=" + (hwm.equals("?") ? hwm : Long.parseLong(hwm) / 1024));
        }
    }
}
