#!/usr/bin/env bash
# PNGs of the detail pane as a member (not project admin) sees it: the real window under Xvfb on a standalone
# sandbox, signed in with the sandbox's member key, pointer moved with xdotool, captured with ImageMagick's
# `import`, in light and dark at 1024x700 and 1600x1000. Each run of the app has a throw-away home folder.
#
#   packaging/member-tip-shots.sh [OUTPUT_DIR]   # default target/screenshots/member
#   SHOTS_DISPLAY=64 packaging/member-tip-shots.sh
#   MEMBER_ROLE=member_unlinked packaging/member-tip-shots.sh   # Dee: no personal GitHub link, so Link is off too
#
# Writes, per theme and size: <theme>-<size>-1-note.png (the first project chosen: Manage on GitHub and Unlink off,
# the note under the buttons saying why). Those buttons' tips are that note word for word (TruthfulChangesFxTest),
# but JavaFX shows no tooltip on a disabled control, so the note is what the pointer's user reads.
# With MEMBER_ROLE=member_unlinked also: -2-desktop.png (Desktop, where Dee is project admin: Link on, no note;
# Unlink and Manage on GitHub wait for a link), -3-checkout.png (Link off, the note), -4-selection.png (Checkout, Search, Billing
# and Desktop chosen), -5-bulk-plan.png (their plan for acme-labs, each row's reason), -6-link-dialog.png,
# -7-link-confirm.png and -8-link-result.png (Desktop linked to acme-labs, which Labs uses: all three buttons on).
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/shots-common.sh
shots_setup "${1:-target/screenshots/member}"
need_tools member-tip-shots.sh xvfb-run xdotool import

shoot() {  # runs inside xvfb-run, so DISPLAY is set
  theme="$1" size="$2"
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" "${sandbox:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  shot_keys

  role="${MEMBER_ROLE:-member}"
  start_sandbox "key.$role"
  owner="$(sandbox_key "$role")"   # sign_in_owner types $owner: the member's key
  sign_in_owner
  xdotool mousemove 60 161 click 1 sleep 0.5 key Return   # Web, the first row at either size: Enter opens it
  xdotool mousemove $((${size%x*} - 20)) $((${size#*x} - 60))  # the pointer off the table, so no tip shows
  snap 1-note 4
  [ "$role" = member_unlinked ] || return 0
  # Dee, project admin of Desktop only (docs/api-notes.md NM1): each project chosen through the search field
  off() { xdotool mousemove $((${size%x*} - 20)) $((${size#*x} - 60)); }
  pick() { key ctrl+f; key ctrl+a; xdotool type --delay 30 "$1"; sleep 0.8; key Down; key Return; off; }
  pick Desktop
  snap 2-desktop 3                                         # Link on; no note
  pick Checkout
  snap 3-checkout 3                                        # Link off; the note says why
  key ctrl+f; key ctrl+a; key BackSpace; key Down          # the whole list
  key Home; for _ in 1 2 3 4 5 6 7; do key Down; done      # Checkout, from Web (Shift's anchor is Web's row too)
  key shift+Down; key shift+Down                           # and Search, Billing under it
  for _ in $(seq 1 11); do xdotool key ctrl+Down; sleep 0.15; done
  key ctrl+space                                           # Desktop added to the selection
  snap 4-selection 1
  key ctrl+shift+l; sleep 1.5                              # bulk link: the plan for acme-labs
  xdotool type --delay 40 "acme-labs"; key Down; key Return
  snap 5-bulk-plan 3
  key Escape; sleep 1
  xdotool windowfocus "$main"; sleep 0.5
  pick Desktop
  key ctrl+l; sleep 2                                      # link an installation Labs uses
  xdotool type --delay 40 "acme-labs"; key Down
  snap 6-link-dialog 1.5
  key Return
  snap 7-link-confirm 2
  key Return
  snap 8-link-result 4
}
if [ "${MEMBER_SHOT:-}" ]; then
  shoot ${MEMBER_SHOT}
  exit 0
fi
for theme in ${MEMBER_THEMES:-light dark}; do
  for size in ${MEMBER_SIZES:-1024x700 1600x1000}; do
    MEMBER_SHOT="$theme $size" MEMBER_ROLE="${MEMBER_ROLE:-member}" HOGLINK_JAR="$app_jar" \
      xvfb-run -a -n "${SHOTS_DISPLAY:-64}" -s "-screen 0 ${size}x24" "$0" "$out"
  done
done
ls -1 "$out"/*.png
