#!/usr/bin/env bash
# PNGs of an installation shared only with another organization's project ("elsewhere"), as a person sees it: the
# real window under Xvfb on a standalone sandbox started with --shared-elsewhere (Globex Android linked to
# acme-labs, which Acme's Labs alone uses in Acme), driven from the keyboard with xdotool, captured with
# ImageMagick's `import`, in light and dark at 1024x700 and 1600x1000. Each run of the app has a throw-away home
# folder (never your settings or keyring).
#
#   packaging/shared-shots.sh [OUTPUT_DIR]        # default target/screenshots/shared
#   HOGLINK_JAR=old/hoglink.jar packaging/shared-shots.sh DIR   # the same walk with another build of the app
#   SHOTS_DISPLAY=87 packaging/shared-shots.sh     # the first X display number to try (default 87)
#
# Writes, per theme and size: <theme>-<size>-1-table.png (the Shared column says "elsewhere" for Labs; the
# pointer rests on the Shared chip, whose tip says what it keeps),
# -2-detail.png (Labs's card: "shared elsewhere"), -3-audit.png (the audit's Overview: "+1 elsewhere" under its
# Shared tile) and -4-audit-acme-labs.png (the diagram's acme-labs chosen: "shared elsewhere" and what it means).
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/shots-common.sh
shots_setup "${1:-target/screenshots/shared}"
need_tools shared-shots.sh xvfb-run xdotool import

shoot() {  # runs inside xvfb-run, so DISPLAY is set
  theme="$1" size="$2"   # tmp, app and sandbox stay global: the EXIT trap reads them after this function
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" "${sandbox:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  shot_keys

  start_sandbox key.org_scoped --shared-elsewhere
  # Ada, the owner, on the standalone sandbox: the key typed into the connection dialog.
  sign_in_owner

  key ctrl+f; xdotool type --delay 40 "Labs"; sleep 0.5   # the search keeps Labs (acme-labs)
  case "$size" in                                 # the pointer on the Shared chip: its tip
    1600x1000) xdotool mousemove 795 75 ;;
    *) xdotool mousemove 715 75 ;;
  esac
  snap 1-table 2.5
  xdotool mousemove 5 690
  key Down; key Return                            # into the table, Labs opened in the detail pane
  snap 2-detail 2
  key ctrl+shift+a                                # the audit window, on its Overview
  audit=$(timeout 60 xdotool search --sync --name '^Audit' | tail -1)
  fill "$audit"
  snap 3-audit 5
  case "$size" in                                 # acme-labs in the diagram (the pointer: the diagram has no
    1600x1000) xy="495 233" ;;                    # keyboard focus), laid out in one column at 1024x700, two at
    *) xy="105 345" ;;                            # 1600x1000
  esac
  xdotool mousemove $xy click 1                   # its detail on the right: "shared elsewhere" and what it means
  snap 4-audit-acme-labs 2
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
}
if [ "${SHARED_SHOT:-}" ]; then   # the run inside Xvfb: SHARED_SHOT="theme size"
  shoot ${SHARED_SHOT}
  exit 0
fi
for theme in light dark; do
  for size in 1024x700 1600x1000; do
    SHARED_SHOT="$theme $size" HOGLINK_JAR="$app_jar" \
      xvfb-run -a -n "${SHOTS_DISPLAY:-87}" -s "-screen 0 ${size}x24" "$0" "$out"
  done
done
ls -1 "$out"/*.png
