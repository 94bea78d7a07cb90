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

    @org.junit.jupiter.api.Test
    void aLinkThatLeadsBackToThisComputerGetsNoCodeAndOneOnGitHubDoes() {
        org.junit.jupiter.api.Assertions.assertTrue(QrImages.whyNoCode("http://127.0.0.1:8010/login/oauth/authorize?state=x")
                .orElseThrow().contains("127.0.0.1"));
        org.junit.jupiter.api.Assertions.assertTrue(QrImages.whyNoCode("https://github.com/login/oauth/authorize?client_id=a"
                + "&redirect_uri=http%3A%2F%2Flocalhost%3A8000%2Fcomplete%2Fgithub-link%2F&state=x").isPresent(),
                "GitHub's page, but the return is to localhost");
        org.junit.jupiter.api.Assertions.assertTrue(QrImages.whyNoCode("https://github.com/login/oauth/authorize?client_id=a"
                + "&redirect_uri=https%3A%2F%2Fus.posthog.com%2Fcomplete%2Fgithub-link%2F&state=x").isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(QrImages.whyNoCode("http://[::1]:8000/x").isPresent());
        org.junit.jupiter.api.Assertions.assertDoesNotThrow(() -> QrImages.whyNoCode("https://github.com/x?redirect_uri=%zz"),
                "a malformed address never throws");
    }
}
