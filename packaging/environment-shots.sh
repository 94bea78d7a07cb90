#!/usr/bin/env bash
# PNGs of how the window names an environment (Stark Web Staging, an environment of project Stark Web), as a
# person sees it: the real window under Xvfb on a standalone sandbox, signed in with the org_scoped key (Stark
# Industries), driven from the keyboard with xdotool, captured with ImageMagick's `import`, in light and dark.
# Each run of the app has a throw-away home folder (never your settings or keyring).
#
#   packaging/environment-shots.sh [OUTPUT_DIR] [SIZE]    # default target/screenshots/environment 1024x700
#   SHOTS_DISPLAY=87 packaging/environment-shots.sh        # the first X display number to try (default 87)
#
# Writes, per theme: <theme>-0-staging-detail.png (the detail pane's header), -1-link-dialog.png (its title),
# -2-unlink-confirm.png, -3-matrix.png (the audit's Matrix: Stark Web Staging under Stark Web), -4-matrix-filter.png
# (filtered by "staging"), -5-history-picker.png (the History tab's project picker open), -6-history-chosen.png
# (Stark Web Staging chosen, the picker's tip).
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/shots-common.sh
shots_setup "${1:-target/screenshots/environment}"
size="${2:-1024x700}"
need_tools environment-shots.sh xvfb-run xdotool import

shoot() {  # runs inside xvfb-run, so DISPLAY is set
  theme="$1"   # tmp, app and sandbox stay global: the EXIT trap reads them after this function
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" "${sandbox:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  shot_keys
  snap() { sleep "${2:-1.5}"; import -window root "$out/$theme-$1.png"; }   # one size: the names leave it out

  start_sandbox key.org_scoped
  owner="$(sandbox_key org_scoped)"   # Fay's key, limited to Stark Industries
  sign_in_owner

  key ctrl+f; xdotool type --delay 40 "Staging"; sleep 0.5
  key Down; key Return; sleep 2                   # Stark Web Staging in the detail pane, the focus on Link
  snap 0-staging-detail 1                         # its header: "Environment id 402 of project Stark Web (id 401)"
  key ctrl+l; sleep 2                             # the link dialog
  snap 1-link-dialog 2
  key Escape; sleep 1
  xdotool windowfocus "$main"; sleep 0.5
  key ctrl+f; key Down; key Return; sleep 2
  key Tab; key Tab; key Tab; key space            # Unlink…: its confirmation
  snap 2-unlink-confirm 2.5
  key Escape; sleep 1
  xdotool windowfocus "$main"; sleep 0.5
  key ctrl+f; key ctrl+a; key BackSpace
  key ctrl+shift+a                                # the audit window
  audit=$(timeout 60 xdotool search --sync --name '^Audit' | tail -1)
  fill "$audit"; sleep 4
  xdotool mousemove 247 161 click 1              # the Matrix tab (the tabs sit under the tiles at any size)
  snap 3-matrix 2
  xdotool mousemove 120 205 click 1; xdotool type --delay 40 "staging"   # the project filter
  snap 4-matrix-filter 1.5
  xdotool mousemove 323 161 click 1              # the History tab
  sleep 1.5
  xdotool mousemove 110 205 click 1              # its project picker, open
  snap 5-history-picker 1.5
  xdotool mousemove 60 283 click 1               # Stark Web Staging chosen
  xdotool mousemove 110 205                      # the pointer on the picker: its tip
  snap 6-history-chosen 2.5
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
}
if [ "${ENV_SHOT:-}" ]; then   # the run inside Xvfb: ENV_SHOT=theme
  shoot "$ENV_SHOT"
  exit 0
fi
for theme in light dark; do
  ENV_SHOT="$theme" HOGLINK_JAR="$app_jar" \
    xvfb-run -a -n "${SHOTS_DISPLAY:-87}" -s "-screen 0 ${size}x24" "$0" "$out" "$size"
done
ls -1 "$out"/*.png
