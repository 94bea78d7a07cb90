package dev.hoglink.ui.theme;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignA;
import org.kordamp.ikonli.materialdesign2.MaterialDesignC;
import org.kordamp.ikonli.materialdesign2.MaterialDesignD;
import org.kordamp.ikonli.materialdesign2.MaterialDesignF;
import org.kordamp.ikonli.materialdesign2.MaterialDesignG;
import org.kordamp.ikonli.materialdesign2.MaterialDesignI;
import org.kordamp.ikonli.materialdesign2.MaterialDesignK;
import org.kordamp.ikonli.materialdesign2.MaterialDesignL;
import org.kordamp.ikonli.materialdesign2.MaterialDesignM;
import org.kordamp.ikonli.materialdesign2.MaterialDesignR;
import org.kordamp.ikonli.materialdesign2.MaterialDesignS;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;
import org.kordamp.ikonli.materialdesign2.MaterialDesignW;

/** Every icon the app uses, by meaning. Restyling the app's icons means editing this file only. */
public enum AppIcon {
    SEARCH(MaterialDesignM.MAGNIFY),
    REFRESH(MaterialDesignR.REFRESH),
    RETRY(MaterialDesignR.RELOAD),
    THEME_DARK(MaterialDesignW.WEATHER_NIGHT),
    THEME_LIGHT(MaterialDesignW.WHITE_BALANCE_SUNNY),
    CONNECTED(MaterialDesignC.CHECK_CIRCLE),
    NOT_CONNECTED(MaterialDesignC.CIRCLE_OUTLINE),
    UNAVAILABLE(MaterialDesignL.LINK_VARIANT_OFF),
    TOKEN_ERROR(MaterialDesignK.KEY_ALERT),
    LOAD_FAILED(MaterialDesignA.ALERT_CIRCLE),
    LOADING(MaterialDesignT.TIMER_SAND),
    GITHUB(MaterialDesignG.GITHUB),
    LINK(MaterialDesignL.LINK_VARIANT_PLUS),
    UNLINK(MaterialDesignL.LINK_OFF),
    OAUTH(MaterialDesignS.SHIELD_KEY),
    PRIVATE(MaterialDesignL.LOCK_OUTLINE),
    ARCHIVED(MaterialDesignA.ARCHIVE_OUTLINE),
    BRANCH(MaterialDesignS.SOURCE_BRANCH),
    REPOSITORY(MaterialDesignS.SOURCE_REPOSITORY),
    ORGANIZATION(MaterialDesignD.DOMAIN),
    USER(MaterialDesignA.ACCOUNT),
    SHARED(MaterialDesignS.SHARE_VARIANT),
    SANDBOX(MaterialDesignF.FLASK_OUTLINE),
    NO_CONNECTION(MaterialDesignC.CLOUD_OFF_OUTLINE),
    KEY(MaterialDesignA.ACCOUNT_KEY),
    REVEAL(org.kordamp.ikonli.materialdesign2.MaterialDesignE.EYE_OUTLINE),
    CONCEAL(org.kordamp.ikonli.materialdesign2.MaterialDesignE.EYE_OFF_OUTLINE),
    CONNECTION(MaterialDesignL.LAN_CONNECT),
    ADD(org.kordamp.ikonli.materialdesign2.MaterialDesignP.PLUS),
    FILTER(MaterialDesignF.FILTER_VARIANT),
    CLOCK(MaterialDesignC.CLOCK_OUTLINE),
    INFO(MaterialDesignI.INFORMATION_OUTLINE),
    SUCCESS(MaterialDesignC.CHECK_CIRCLE_OUTLINE),
    WARNING(MaterialDesignA.ALERT),
    ERROR(MaterialDesignA.ALERT_OCTAGON),
    AUDIT(MaterialDesignC.CLIPBOARD_CHECK_OUTLINE);

    private final Ikon ikon;

    AppIcon(Ikon ikon) {
        this.ikon = ikon;
    }

    public Ikon ikon() {
        return ikon;
    }

    /** A new icon node (a node has one parent, so each place gets its own). */
    public FontIcon node() {
        FontIcon icon = new FontIcon(ikon);
        icon.getStyleClass().add("app-icon");
        return icon;
    }

    public FontIcon node(String... styleClasses) {
        FontIcon icon = node();
        icon.getStyleClass().addAll(styleClasses);
        return icon;
    }
}
