package dev.hoglink.ui.common;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javafx.scene.Scene;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/** Writes a PNG of a scene (for the screenshot script and bug reports). Call on the FX thread. */
public final class Snapshots {

    private Snapshots() {
    }

    public static void writePng(Scene scene, Path file) throws IOException {
        write(scene.snapshot(null), file);
    }

    /** A PNG of one node (e.g. a diagram larger than its window), drawn with the node's own styles. */
    public static void writePng(javafx.scene.Node node, Path file) throws IOException {
        javafx.scene.SnapshotParameters params = new javafx.scene.SnapshotParameters();
        params.setFill(javafx.scene.paint.Color.TRANSPARENT);
        write(node.snapshot(params, null), file);
    }

    private static void write(WritableImage image, Path file) throws IOException {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_ARGB);
        PixelReader reader = image.getPixelReader();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                out.setRGB(x, y, reader.getArgb(x, y));
            }
        }
        writeImage(out, file);
    }

    /** Writes an image as PNG, atomically and owner-only, like every export. */
    static void writeImage(BufferedImage image, Path file) throws IOException {
        java.io.ByteArrayOutputStream png = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(image, "png", png)) {
            throw new IOException("No PNG writer available");
        }
        dev.hoglink.util.AtomicFiles.write(file, png.toByteArray());
    }
}
