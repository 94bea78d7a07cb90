#!/usr/bin/env bash
# PNGs of the audit's diagram driven from the keyboard (and one click), as a person sees it: the real window under
# Xvfb on a standalone sandbox, keys pressed with xdotool, captured with ImageMagick's `import`, in light and dark
# at 1024x700 and 1600x1000. Each run of the app has a throw-away home folder (never your settings or keyring).
#
#   packaging/keys-shots.sh [OUTPUT_DIR]        # default target/screenshots/keys
#   SHOTS_DISPLAY=64 packaging/keys-shots.sh     # the first X display number to try (default 64)
#
# Writes, per theme and size: <theme>-<size>-0-tabs.png (the audit as it opens: the focus ring on the selected tab),
# -1-installation.png (Tab from the toolbar into the diagram: the first installation has the focus ring, its
# details on the right, no Enter needed), -2-project.png (Down twice: its second project has the ring and the
# details), -3-click.png (a click on the second installation's node: the ring and the details move there) and
# -4-click-down.png (then Down: its first project, as in a list the keys go on from the node clicked).
#   KEYS_SIZES=1024x700 packaging/keys-shots.sh  # only these sizes (default 1024x700 1600x1000)
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/shots-common.sh
shots_setup "${1:-target/screenshots/keys}"
need_tools keys-shots.sh xvfb-run xdotool import

click_at() {  # where the second installation's node is drawn at $size (the diagram's first column)
  case "$size" in
    1024x700) echo "40 330" ;;    # one column: acme, then acme-labs below it
    *) echo "495 212" ;;          # 1600x1000: two columns, acme-labs at the top of the second
  esac
}

shoot() {  # runs inside xvfb-run, so DISPLAY is set
  theme="$1" size="$2"
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" "${sandbox:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  shot_keys

  start_sandbox key.owner
  sign_in_owner

  key ctrl+shift+a                                # the audit window, on its Overview; Reload and Export wait for
  audit=$(timeout 60 xdotool search --sync --name '^Audit' | tail -1)   # the audit, so the focus starts on the tabs
  fill "$audit"
  snap 0-tabs 5                                   # the ring on the selected tab: the tabs have the focus
  key Tab                                         # the diagram's first installation, its details on the right
  snap 1-installation 1.5
  key Down; key Down                              # its second project: the details follow the focus
  snap 2-project 1.5
  xdotool mousemove $(click_at) click 1           # the second installation's node
  xdotool mousemove 1000 680                      # the pointer out of the way, so no tip covers the ring
  snap 3-click 1.5
  key Down                                        # its first project: the keys go on from the node clicked
  snap 4-click-down 1.5
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
}
if [ "${KEYS_SHOT:-}" ]; then   # the run inside Xvfb: KEYS_SHOT="theme size"
  shoot ${KEYS_SHOT}
  exit 0
fi
for theme in light dark; do
  for size in ${KEYS_SIZES:-1024x700 1600x1000}; do
    KEYS_SHOT="$theme $size" HOGLINK_JAR="$app_jar" \
      xvfb-run -a -n "${SHOTS_DISPLAY:-64}" -s "-screen 0 ${size}x24" "$0" "$out"
  done
done
ls -1 "$out"/*.png
