package dev.hoglink.ui.oauth;

import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.oauth.OAuthUrlValidator;
import io.nayuki.qrcodegen.QrCode;
import org.junit.jupiter.api.Test;

class QrImagesTest {

    @Test
    void aLinkTooLongForAnyQrCodeGivesNoImageInsteadOfThrowing() {
        assertNull(QrImages.render("https://github.com/login/oauth/authorize?x=" + "a".repeat(5_000), 4));
        assertNull(QrImages.render("a".repeat(1_000_000), 4));
    }

    @Test
    void theLongestLinkTheValidatorAcceptsFitsAQrCode() {
        String url = "https://github.com/login/oauth/authorize?state=" + "%3D".repeat(OAuthUrlValidator.MAX_LENGTH);
        QrCode qr = QrCode.encodeText(url.substring(0, OAuthUrlValidator.MAX_LENGTH), QrCode.Ecc.MEDIUM);
        assertTrue(qr.version <= 40);
    }
}
