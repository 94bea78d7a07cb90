package dev.hoglink.ui.theme;

import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.javafx.FontIcon;

/**
 * Every icon the app uses, by meaning. Restyling the app's icons means editing this file only.
 * <p>
 * Each is a Material Design icon of Ikonli's pack, named by its description and code point here (AppIconTest checks
 * both against the pack), so that drawing one loads only the pack's font handler. Naming the pack's own constants
 * (MaterialDesignA.ALERT, ...) loaded and initialised 15 of the pack's enums, 6,093 icons, on the FX thread before the
 * window's first frame (75-120 ms from the jar alone without a class cache; a few samples in a JFR of the start).
 */
public enum AppIcon implements Ikon {
    SEARCH("mdi2m-magnify", 0xF0349),
    REFRESH("mdi2r-refresh", 0xF0450),
    RETRY("mdi2r-reload", 0xF0453),
    THEME_DARK("mdi2w-weather-night", 0xF0594),
    THEME_LIGHT("mdi2w-white-balance-sunny", 0xF05A8),
    CONNECTED("mdi2c-check-circle", 0xF05E0),
    NOT_CONNECTED("mdi2c-circle-outline", 0xF0766),
    UNAVAILABLE("mdi2l-link-variant-off", 0xF033A),
    TOKEN_ERROR("mdi2k-key-alert", 0xF1983),
    LOAD_FAILED("mdi2a-alert-circle", 0xF0028),
    LOADING("mdi2t-timer-sand", 0xF051F),
    GITHUB("mdi2g-github", 0xF02A4),
    LINK("mdi2l-link-variant-plus", 0xF1100),
    UNLINK("mdi2l-link-off", 0xF0338),
    OAUTH("mdi2s-shield-key", 0xF0BC4),
    PRIVATE("mdi2l-lock-outline", 0xF0341),
    ARCHIVED("mdi2a-archive-outline", 0xF120E),
    BRANCH("mdi2s-source-branch", 0xF062C),
    REPOSITORY("mdi2s-source-repository", 0xF0CCF),
    ORGANIZATION("mdi2d-domain", 0xF01D7),
    USER("mdi2a-account", 0xF0004),
    SHARED("mdi2s-share-variant", 0xF0497),
    SANDBOX("mdi2f-flask-outline", 0xF0096),
    NO_CONNECTION("mdi2c-cloud-off-outline", 0xF0164),
    KEY("mdi2a-account-key", 0xF000B),
    REVEAL("mdi2e-eye-outline", 0xF06D0),
    CONCEAL("mdi2e-eye-off-outline", 0xF06D1),
    CONNECTION("mdi2l-lan-connect", 0xF0318),
    ADD("mdi2p-plus", 0xF0415),
    FILTER("mdi2f-filter-variant", 0xF0236),
    CLOCK("mdi2c-clock-outline", 0xF0150),
    INFO("mdi2i-information-outline", 0xF02FD),
    SUCCESS("mdi2c-check-circle-outline", 0xF05E1),
    WARNING("mdi2a-alert", 0xF0026),
    ERROR("mdi2a-alert-octagon", 0xF0029),
    AUDIT("mdi2c-clipboard-check-outline", 0xF08A8);

    private final String description;
    private final int code;

    AppIcon(String description, int code) {
        this.description = description;
        this.code = code;
    }

    public Ikon ikon() {
        return this;
    }

    /** Ikonli's name of the icon ("mdi2m-magnify"): its prefix picks the font. */
    @Override
    public String getDescription() {
        return description;
    }

    /** The icon's code point in that font. */
    @Override
    public int getCode() {
        return code;
    }

    /** A new icon node (a node has one parent, so each place gets its own). */
    public FontIcon node() {
        FontIcon icon = new FontIcon(this);
        icon.getStyleClass().add("app-icon");
        return icon;
    }

    public FontIcon node(String... styleClasses) {
        FontIcon icon = node();
        icon.getStyleClass().addAll(styleClasses);
        return icon;
    }
}
