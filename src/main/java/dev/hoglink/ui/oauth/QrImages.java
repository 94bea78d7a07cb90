package dev.hoglink.ui.oauth;

import io.nayuki.qrcodegen.QrCode;
import javafx.scene.image.Image;
import javafx.scene.image.PixelWriter;
import javafx.scene.image.WritableImage;
import javafx.scene.paint.Color;

/** Draws text as a QR code image: dark modules on white, with the standard 4-module quiet zone. */
final class QrImages {

    static final int QUIET_ZONE = 4;

    private QrImages() {
    }

    /** The QR code of {@code text}, {@code scale} pixels per module (medium error correction). */
    static Image render(String text, int scale) {
        QrCode qr = QrCode.encodeText(text, QrCode.Ecc.MEDIUM);
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
