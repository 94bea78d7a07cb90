package dev.hoglink;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * JavaFX on Linux tries its OpenGL pipeline (es2) first and falls back to its software pipeline (sw) when the GL it
 * finds is not a GPU it accepts. That probe loads the GL driver and keeps it loaded: on a machine without a GPU
 * (a virtual machine, a container, Xvfb, a remote X display) that is Mesa's llvmpipe with LLVM, about 60 MB
 * resident, only for JavaFX to refuse it ("Failed Graphics Hardware Qualifier check") and draw in software. With
 * GTK's own GL off as well (GDK_GL=disable, ModulePathRelaunch.START_UP_ENVIRONMENT) a JavaFX hello world under Xvfb
 * holds 107 MB instead of 169 MB. Where the system has no GPU device at all (no {@code /dev/dri} node, no NVIDIA device, no WSL GPU) the
 * probe cannot end on a GPU, so the software pipeline is chosen at once. Anything the user set
 * ({@code -Dprism.order}, {@code -Dprism.forceGPU}) is kept; other systems are left to JavaFX.
 * Figures: packaging/bench-memory.sh, packaging/README.md.
 */
public final class RenderingPipeline {

    static final String ORDER = "prism.order";
    static final String FORCE_GPU = "prism.forceGPU";

    private RenderingPipeline() {
    }

    /** Chooses JavaFX's software pipeline on a Linux system without a GPU device; call before JavaFX starts. */
    public static void chooseSoftwareWithoutGpu() {
        if (System.getProperty("os.name", "").startsWith("Linux")) {
            choose(System.getProperties(), Path.of("/dev"));
        }
    }

    /** Sets {@code prism.order=sw} in {@code props} when neither it nor prism.forceGPU is set and {@code dev} holds no GPU device. */
    static void choose(Properties props, Path dev) {
        if (props.getProperty(ORDER) == null && props.getProperty(FORCE_GPU) == null && !hasGpuDevice(dev)) {
            props.setProperty(ORDER, "sw");
        }
    }

    /**
     * Whether {@code dev} holds a device a GL driver draws on: a DRM node ({@code dri/card*}, {@code dri/renderD*};
     * Mesa's hardware drivers, virtio-gpu, and NVIDIA's with modesetting), NVIDIA's own ({@code nvidia*}), or WSL's
     * GPU ({@code dxg}). When {@code dev} cannot be read, it is taken to hold one (JavaFX then decides as before).
     */
    static boolean hasGpuDevice(Path dev) {
        if (!Files.isDirectory(dev)) {
            return true;
        }
        if (Files.exists(dev.resolve("dxg")) || Files.exists(dev.resolve("nvidiactl"))) {
            return true;
        }
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dev, "nvidia[0-9]*")) {
            if (nodes.iterator().hasNext()) {
                return true;
            }
        } catch (IOException e) {
            return true;
        }
        Path dri = dev.resolve("dri");
        if (!Files.isDirectory(dri)) {
            return false;
        }
        try (DirectoryStream<Path> nodes = Files.newDirectoryStream(dri, "{card,renderD}[0-9]*")) {
            return nodes.iterator().hasNext();
        } catch (IOException e) {
            return true;
        }
    }
}
