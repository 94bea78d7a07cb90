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
        if (text == null || text.isEmpty()) {
            return null;
        }
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

    /**
     * Why a QR code of this link would not help, or empty when it would: a phone cannot reach an address on this
     * computer, so no code is drawn when the link, or the page GitHub returns to ({@code redirect_uri}), is on a
     * loopback host (localhost, 127.0.0.0/8, ::1), as on the sandbox or a PostHog on this machine.
     */
    static java.util.Optional<String> whyNoCode(String url) {
        if (url == null || url.isEmpty()) {
            return java.util.Optional.empty();
        }
        java.net.URI u;
        try {
            u = java.net.URI.create(url);
        } catch (IllegalArgumentException e) {
            return java.util.Optional.of("No QR code: the link is not an address another device can open.");
        }
        String redirect = queryParameter(u.getRawQuery(), "redirect_uri");
        String host = loopback(u.getHost()) ? u.getHost() : null;
        if (host == null && redirect != null) {
            try {
                String rh = java.net.URI.create(redirect).getHost();
                host = loopback(rh) ? rh : null;
            } catch (IllegalArgumentException e) {
                host = null;
            }
        }
        return host == null ? java.util.Optional.empty()
                : java.util.Optional.of("No QR code: the link leads back to this computer (" + host
                + "), which a phone or another device cannot reach. Open it here, or copy it.");
    }

    static boolean loopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(java.util.Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.equals("localhost") || h.endsWith(".localhost") || h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")
                || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    private static String queryParameter(String rawQuery, String name) {
        if (rawQuery == null) {
            return null;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                try {
                    return java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
                } catch (IllegalArgumentException e) {
                    return null;
                }
            }
        }
        return null;
    }
}
