package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Without a GPU device JavaFX's software pipeline is chosen at once, rather than after a GL probe that loads Mesa. */
class RenderingPipelineTest {

    @TempDir
    Path dev;

    @Test
    void withoutAGpuDeviceTheSoftwarePipelineIsChosen() throws Exception {
        Files.createDirectories(dev.resolve("dri"));   // an empty dri folder, as some containers have
        Files.createFile(dev.resolve("null"));
        Properties p = new Properties();
        RenderingPipeline.choose(p, dev);
        assertEquals("sw", p.getProperty("prism.order"));
    }

    @Test
    void aDrmNodeAnNvidiaDeviceOrWslsGpuLeavesTheChoiceToJavaFx() throws Exception {
        int n = 0;
        for (String node : new String[] {"dri/renderD128", "dri/card0", "nvidia0", "nvidiactl", "dxg"}) {
            Path root = Files.createDirectories(dev.resolve("system-" + n++));
            Files.createDirectories(root.resolve(node).getParent());
            Files.createFile(root.resolve(node));
            assertTrue(RenderingPipeline.hasGpuDevice(root), node);
            Properties p = new Properties();
            RenderingPipeline.choose(p, root);
            assertNull(p.getProperty("prism.order"), node);
        }
        Path none = Files.createDirectories(dev.resolve("none"));
        Files.createDirectories(none.resolve("dri").resolve("by-path"));
        Files.createFile(none.resolve("nvidia-uvm-not-a-gpu"));
        assertFalse(RenderingPipeline.hasGpuDevice(none));
    }

    @Test
    void whatTheUserSetIsKept() {
        Properties order = new Properties();
        order.setProperty("prism.order", "es2");
        RenderingPipeline.choose(order, dev);
        assertEquals("es2", order.getProperty("prism.order"));

        Properties force = new Properties();
        force.setProperty("prism.forceGPU", "true");
        RenderingPipeline.choose(force, dev);
        assertNull(force.getProperty("prism.order"), "forcing the GPU pipeline (e.g. on llvmpipe) still probes it");
    }

    @Test
    void anUnreadableDeviceFolderLeavesTheChoiceToJavaFx() {
        Properties p = new Properties();
        RenderingPipeline.choose(p, dev.resolve("missing"));
        assertNull(p.getProperty("prism.order"));
    }
}
