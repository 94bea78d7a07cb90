package dev.hoglink.ui.oauth;

import io.nayuki.qrcodegen.QrCode;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Draws text as a QR code image: dark modules on white, with the standard 4-module quiet zone. */
final class QrImages {

    private static final Logger LOGGER = LoggerFactory.getLogger(QrImages.class);
    static final int QUIET_ZONE = 4;

    private QrImages() {
    }

    /**
     * The QR code of {@code text}, {@code scale} pixels per module (medium error correction), or null when the
     * text cannot be drawn (too long for any QR code); never throws, since it runs inside a property listener.
     */
    static Image render(String text, int scale) {
        QrCode qr;
        try {
            qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
        } catch (RuntimeException e) {
            LOGGER.warn("No QR code for a link of {} characters: {}", text.length(), e.getClass().getSimpleName());
            return null;
        }
        int side = (qr.size + 2 * QUIET_ZONE) * scale;
        WritableImage img = new WritableImage(side, side);
        PixelWriter w = img.getPixelWriter();
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int mx = x / scale - QUIET_ZONE;
                int my = y / scale - QUIET_ZONE;
                w.setColor(x, y, qr.getModule(mx, my) ? Color.BLACK : Color.WHITE);
            }
        }
        return img;
    }
}
