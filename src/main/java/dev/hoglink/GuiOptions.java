package dev.hoglink;

import java.util.List;
import java.util.Optional;

/**
 * Command-line flags of the GUI. No flag ever takes an API key.
 *
 * @param sandbox open on the embedded sandbox, whatever the last connection was
 * @param profile open on this saved connection profile
 * @param theme   "light" or "dark", or empty for the saved preference
 */
public record GuiOptions(boolean sandbox, Optional<String> profile, Optional<String> theme) {

    public static GuiOptions defaults() {
        return new GuiOptions(false, Optional.empty(), Optional.empty());
    }

    /** Parses GUI flags; throws IllegalArgumentException with a one-line reason on anything unknown. */
    public static GuiOptions parse(List<String> args) {
        boolean sandbox = false;
        String profile = null;
        String theme = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--sandbox" -> sandbox = true;
                case "--profile" -> {
                    profile = value(args, ++i, a);
                }
                case "--theme" -> {
                    theme = value(args, ++i, a);
                    if (!theme.equals("light") && !theme.equals("dark")) {
                        throw new IllegalArgumentException("--theme takes light or dark, not '" + theme + "'");
                    }
                }
                default -> throw new IllegalArgumentException(
                        a.startsWith("-") ? "unknown option " + a : "unknown command " + a);
            }
        }
        if (sandbox && profile != null) {
            throw new IllegalArgumentException("--sandbox and --profile exclude each other");
        }
        return new GuiOptions(sandbox, Optional.ofNullable(profile), Optional.ofNullable(theme));
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    /** The flags as arguments again, for handing through Application.launch. */
    public String[] toArgs() {
        java.util.ArrayList<String> out = new java.util.ArrayList<>();
        if (sandbox) {
            out.add("--sandbox");
        }
        profile.ifPresent(p -> {
            out.add("--profile");
            out.add(p);
        });
        theme.ifPresent(t -> {
            out.add("--theme");
            out.add(t);
        });
        return out.toArray(String[]::new);
    }
}
