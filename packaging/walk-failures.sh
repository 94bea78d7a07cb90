#!/usr/bin/env bash
# Walks the failure paths of the changes an admin makes, in the real window under Xvfb, as an admin would
# (keyboard through xdotool, screenshots with ImageMagick's `import`), in both themes and at two sizes:
#
#   1. no browser: PATH without any opener and BROWSER unset; the OAuth wizard's "Open in browser"
#   2. broken installations: the link picker of Web lists them with their status (suspended, token error) and
#      the selection, moved down the whole list, skips them: they cannot be chosen
#   3. a project already connected to the installation: the wizard's "Read first" page warns
#   4. a read-only key on a self-hosted PostHog (the standalone sandbox), then that server killed mid-session:
#      the rows stay, and the banner, the status bar and the footer say they are from the earlier read, a
#      minute later with that age
#
#   packaging/walk-failures.sh [OUTPUT_DIR] [SIZES]     # default target/walk, "1024x700 1600x1000"
#
# Writes <theme>-<size>-<step>.png. Each run uses a throw-away home folder (never your settings or keyring).
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/walk}")"
sizes="${2:-1024x700 1600x1000}"
mkdir -p "$out"
[ -n "${WALK_NO_BUILD:-}" ] || ${MVN:-mvn} -q -B package -DskipTests >/dev/null
for cmd in xvfb-run xdotool import; do
  command -v "$cmd" >/dev/null || { echo "walk-failures.sh: $cmd is missing (see the header)" >&2; exit 1; }
done
java_bin="$(command -v java)"

walk() {  # runs inside xvfb-run, so DISPLAY is set
  local theme="$1" size="$2" home log wid app sandbox url key tag dlg ask
  tag="$theme-$size"
  home="$(mktemp -d)"; log="$home/app.log"
  snap() { sleep "${2:-1.5}"; import -window root "$out/$tag-$1.png"; }
  key() { xdotool key --clearmodifiers "$@" || true; sleep 0.7; }
  main() {  # the main window now (its id may change when the connection changes); focused and sized
    wid=$(xdotool search --name '^Hoglink$' 2>/dev/null | head -1 || true)
    [ -z "$wid" ] && return 0
    xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}" 2>/dev/null || true
    xdotool windowfocus "$wid" 2>/dev/null || true; sleep 0.3
  }
  focus_named() { local w; w=$(timeout 10 xdotool search --sync --name "$1" | tail -1 || true)
                  if [ -n "$w" ]; then xdotool windowfocus "$w"; sleep 0.3; fi; }

  # 1-3: the embedded sandbox with no way to open a browser
  if [ -z "${WALK_ONLY_SERVER:-}" ]; then
  mkdir -p "$home/empty-bin"
  env -u BROWSER PATH="$home/empty-bin" HOGLINK_STARTUP_PROBE="$(date +%s%3N)" HOGLINK_STARTUP_EXIT=never \
    "$java_bin" -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
         -jar target/hoglink.jar --sandbox --theme "$theme" >"$log" 2>&1 &
  app=$!
  wid=$(timeout 60 xdotool search --sync --name '^Hoglink' | head -1)
  xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}"
  for _ in $(seq 1 120); do grep -q '^startup.rows_ms=' "$log" && break; sleep 0.5; done
  sleep 2
  xdotool windowfocus "$wid"; sleep 0.3
  key ctrl+f; key Down; key Return                 # Web, which uses acme
  snap 1-detail
  key ctrl+l                                       # its link picker: every installation with its status
  snap 2-link-picker 2.5
  for _ in 1 2 3 4 5 6; do key Down; done          # down the whole list: the selection skips the broken ones
  snap 3-link-picker-broken
  key Escape
  xdotool windowfocus "$wid"; sleep 0.3
  key ctrl+shift+o                                 # OAuth wizard for Web
  snap 4-wizard-choose 2.5
  key Return                                       # Read first: Web already has acme
  snap 5-wizard-already-connected
  key Return                                       # Create link
  sleep 2
  key alt+o                                        # Open in browser: there is none
  snap 6-wizard-no-browser 5
  key alt+n                                        # Next (Alt+N is Next's alone): the waiting page
  snap 7-wizard-waiting
  key alt+f                                        # "It failed / I denied it"
  snap 8-wizard-it-failed
  key alt+s                                        # Stop waiting (the address field is optional)
  snap 9-wizard-stopped
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
  fi

  # 4: a read-only key on a self-hosted PostHog, then the server killed. No Alt mnemonic and no guessed focus:
  # a prepared profile opens with --profile, its dialog (found by its title) has the focus in the key field,
  # and Enter tests an untested key, then saves the one that passed.
  "$java_bin" -jar target/hoglink.jar sandbox --port 0 >"$home/sandbox.out" 2>"$home/sandbox.err" &
  sandbox=$!
  trap 'kill "${sandbox:-}" "${app:-}" 2>/dev/null || true' EXIT
  for _ in $(seq 1 60); do grep -q '^key.readonly=' "$home/sandbox.out" && break; sleep 0.5; done
  url="$(sed -n 's/^url=//p' "$home/sandbox.out" | head -1)"
  key="$(sed -n 's/^key.readonly=//p' "$home/sandbox.out" | head -1)"
  mkdir -p "$home/config"
  printf '{"lastUsed":"Read only","profiles":[{"name":"Read only","host":"%s","organizationId":null,"sandbox":false}]}\n' \
    "$url" >"$home/config/profiles.json"
  "$java_bin" -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
       -jar target/hoglink.jar --profile "Read only" --theme "$theme" >"$log.2" 2>&1 &
  app=$!
  wid=$(timeout 60 xdotool search --sync --name '^Hoglink' | head -1)
  xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}"
  dlg=$(timeout 30 xdotool search --sync --name '^Edit connection$' | tail -1 || true)
  if [ -z "$dlg" ]; then echo "$tag: the connection dialog did not open" >&2; import -window root "$out/$tag-10-no-dialog.png"
  else
  xdotool windowfocus --sync "$dlg"; sleep 0.5
  xdotool type --delay 5 "$key"                    # the focus is in the key field
  snap 10-connect-readonly
  key Return                                       # Enter tests the key
  snap 11-connect-result 4
  key Return                                       # Enter again saves it
  sleep 2
  ask=$(xdotool search --name '^No system keyring$' 2>/dev/null | tail -1 || true)
  if [ -n "$ask" ]; then xdotool windowfocus --sync "$ask"; sleep 0.3; key Return; fi   # keep it for this session
  fi
  for _ in $(seq 1 60); do sleep 0.5; xdotool search --name '^Edit connection$' >/dev/null 2>&1 || break; done
  sleep 5; main
  key ctrl+f; key Down; key Return
  snap 12-readonly-detail 3
  kill "$sandbox" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true
  main; key F5                                     # refresh against a server that is gone
  snap 13-server-killed 10
  key ctrl+l                                       # try to link anyway
  snap 14-server-killed-link 3
  key Escape; sleep 60; main; key F5               # a minute on: the banner and the footer give the rows' age
  snap 15-server-killed-a-minute-on 8
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
  grep -c 'oauth/authorize?' "$log" "$home"/logs/*.log 2>/dev/null | sed "s|^|$tag authorize links in logs: |" || true
  rm -rf "$home"
}
if [ "${WALK_THEME:-}" ]; then   # the run inside Xvfb
  walk "$WALK_THEME" "$WALK_SIZE"
  exit 0
fi
for theme in light dark; do
  for s in $sizes; do
    WALK_THEME=$theme WALK_SIZE=$s xvfb-run -a -s "-screen 0 ${s}x24" "$0" "$out" "$sizes"
  done
done
ls -1 "$out"/*.png
