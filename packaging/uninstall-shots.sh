#!/usr/bin/env bash
# The unlink of an installation's last project whose uninstall GitHub refuses, as an admin meets it: a standalone
# sandbox (--control) told to refuse the uninstall of acme-secret (`refuse-uninstall 10000005 on`), used by Secret
# Lab alone; the real window under Xvfb signed in as the owner, Secret Lab chosen, Unlink… reached and confirmed from
# the keyboard (the account name typed into the confirmation), then the result: the app is still installed, with
# the installation's settings page to open or copy. Its button is pressed twice through a stand-in browser ($BROWSER,
# a script that records the address): once it opens the page, once it fails and the window says so. Then, on the same
# sandbox, the detail pane of a project for the read-only key, whose installation list is titled "Installations other
# projects use" (Link is refused). Secret Lab is linked to acme-secret again through PostHog's API before each walk.
# Driven with xdotool, captured with ImageMagick's `import`, light and dark at 1024x700 and 1600x1000. Never your
# settings or keyring: each run of the app has a throw-away home.
#
#   packaging/uninstall-shots.sh [OUTPUT_DIR]           # default target/screenshots/uninstall
#   HOGLINK_JAR=old/hoglink.jar packaging/uninstall-shots.sh DIR   # the same walk with another build of the app
#   SHOTS_DISPLAY=91 packaging/uninstall-shots.sh        # the first X display number to try (default 91)
#   UNINSTALL_SIZES=1024x700 packaging/uninstall-shots.sh # only these sizes (default 1024x700 1600x1000)
#
# Writes per theme and size: <theme>-<size>-1-confirm.png (the typed confirmation, the name typed),
# -2-result.png (the result dialog: the address in its field, the open button focused), -3-opened.png (after Enter:
# the page handed to the browser, the dialog still up), -4-open-failed.png (the browser failing: an error alert over the dialog),
# -5-address-selected.png (the address selected from the keyboard, to copy), -6-after.png (closed: Secret Lab's
# detail without the link), -7-readonly-detail.png (the read-only key: Checkout's detail pane); and opened.txt (the
# addresses the stand-in browser was given; a failing one is tried again by xdg-open and sensible-browser, which
# honour $BROWSER too). Exit 1 when the uninstall was not refused or the page was not opened.
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, curl, jq, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/shots-common.sh
shots_setup "${1:-target/screenshots/uninstall}"
need_tools uninstall-shots.sh xvfb-run xdotool import curl jq
installation=10000005   # acme-secret (SeedWorld.INST_SECRET_ORPHAN)
account=acme-secret
project=124             # Secret Lab, its only project
page="https://github.com/organizations/$account/settings/installations/$installation"

shoot() {  # runs inside xvfb-run, so DISPLAY is set; the sandbox's url and keys come from the outer run
  theme="$1" size="$2"
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  shot_keys
  open_project() { key ctrl+f; xdotool type --delay 40 "$1"; sleep 0.5; key Down; key Return; sleep 2; }
  url="$UNINSTALL_URL"
  # The stand-in browser: records the address, then ends with the status in $tmp/browser-status (0: opened).
  printf '#!/bin/sh\nprintf "%%s\\n" "$1" >>"%s"\nexit "$(cat "%s" 2>/dev/null || echo 0)"\n' \
    "$UNINSTALL_OPENED" "$tmp/browser-status" >"$tmp/browser"
  chmod +x "$tmp/browser"
  export BROWSER="$tmp/browser"

  owner="$UNINSTALL_OWNER"
  sign_in_owner
  open_project "Secret Lab"                       # the focus on Link
  key Tab; key Tab; key Tab; key space            # Unlink…: the typed confirmation, the focus in its field
  confirm=$(timeout 20 xdotool search --sync --name '^Uninstall the GitHub App' | tail -1)
  xdotool windowfocus --sync "$confirm"; sleep 0.3
  xdotool type --delay 30 "$account"
  snap 1-confirm
  key Tab; key Tab; key space                     # past Cancel to "Uninstall and unlink" (Enter is ignored there)
  result=$(timeout 30 xdotool search --sync --name '^Unlinked; the app is still installed' | tail -1)
  xdotool windowfocus --sync "$result"
  snap 2-result 1.5
  key Return                                      # the focused open button: the page to the browser
  snap 3-opened 4
  echo 3 >"$tmp/browser-status"                   # the browser fails from now on
  key Return
  snap 4-open-failed 1.5                          # an error alert over the result dialog
  key Return                                      # closed: back in the result dialog, on its open button
  key shift+Tab; key shift+Tab                    # past Close, back to the address field: selected whole, to copy
  snap 5-address-selected
  key Escape                                      # closed
  snap 6-after 3
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true

  rm -rf "$tmp/owner"
  unset BROWSER
  owner="$UNINSTALL_READONLY"                     # the read-only key, signed in the same way
  sign_in_owner
  open_project Checkout                           # a project without GitHub: its installation list in view
  snap 7-readonly-detail 2
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
}
if [ "${UNINSTALL_SHOT:-}" ]; then   # the run inside Xvfb: UNINSTALL_SHOT="theme size"
  shoot ${UNINSTALL_SHOT}
  exit 0
fi

tmp="$(mktemp -d)"
trap 'echo stop >&3 2>/dev/null || true; kill "${sandbox:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
start_controlled_sandbox uninstall-shots.sh key.org_scoped
readonly_key="$(sandbox_key readonly)"
echo "refuse-uninstall $installation on" >&3
for _ in $(seq 1 20); do grep -q '^ok$\|^error' "$tmp/sandbox.out" && break; sleep 0.25; done
if ! grep -q '^ok$' "$tmp/sandbox.out"; then
  echo "uninstall-shots.sh: the sandbox did not take refuse-uninstall:" >&2; grep '^error' "$tmp/sandbox.out" >&2; exit 1
fi
auth="Authorization: Bearer $owner"
rows() { curl -sS -H "$auth" "$url/api/projects/$project/integrations/?kind=github"; }
: >"$out/opened.txt"

for theme in light dark; do
  for size in ${UNINSTALL_SIZES:-1024x700 1600x1000}; do
    if [ -z "$(rows | jq -r --arg i "$installation" '.results[]|select(.config.installation_id==$i)|.id')" ]; then
      curl -sS -o /dev/null -X POST -H "$auth" -H 'Content-Type: application/json' \
        -d "{\"installation_id\": \"$installation\"}" "$url/api/projects/$project/integrations/github/link_existing/"
    fi
    env -u HOGLINK_API_KEY UNINSTALL_SHOT="$theme $size" HOGLINK_JAR="$app_jar" UNINSTALL_URL="$url" \
      UNINSTALL_OWNER="$owner" UNINSTALL_READONLY="$readonly_key" UNINSTALL_OPENED="$out/opened.txt" \
      xvfb-run -a -n "${SHOTS_DISPLAY:-91}" -s "-screen 0 ${size}x24" "$0" "$out"
    # The unlink deleted the row and PostHog recorded the uninstall as failed: the app is still installed.
    outcome=$(curl -sS -H "$auth" "$url/api/projects/$project/activity_log/?scope=Integration" \
      | jq -r '[.results[]|select(.detail.trigger.payload.event=="uninstall_completed")][0].detail.trigger.payload.outcome')
    [ -z "$(rows | jq -r --arg i "$installation" '.results[]|select(.config.installation_id==$i)|.id')" ] \
      || { echo "uninstall-shots.sh: $theme $size: Secret Lab was not unlinked" >&2; exit 1; }
    [ "$outcome" = failed ] || { echo "uninstall-shots.sh: $theme $size: uninstall outcome '$outcome', not failed" >&2; exit 1; }
  done
done
grep -qx "$page" "$out/opened.txt" || { echo "uninstall-shots.sh: the settings page was never opened" >&2; exit 1; }
echo "the stand-in browser was given: $(sort "$out/opened.txt" | uniq -c | tr -s ' ')"
ls -1 "$out"/*.png
