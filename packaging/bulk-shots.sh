#!/usr/bin/env bash
# Walks, as a demanding admin would, a bulk link and its neighbours in the real window under Xvfb (keyboard through
# xdotool, screenshots with ImageMagick's `import`), in light and dark at 1024x700 and 1600x1000:
#
#   e. the connection dialog with a wrong key, then the owner's key
#   d. the detail pane at its narrowest (Web: its installations table and their "Used by")
#   a. a bulk link of 17 projects to acme-labs: the plan, the progress, Stop (Alt+S) midway, the stopped result,
#      Resume (Alt+R), the sandbox killed mid-resume, started again on the same port and state, Resume again, the
#      result, then the audit's History tab (PostHog's log and this computer's journal)
#   c. the audit's Export menu: each item saved (<theme>-<size>-export-inventory.csv, … diagram.png) to be read
#   b. a project with two environments (Stark Web 401 and its environment 402 Stark Web Staging) with Fay's key:
#      the table, each row's detail pane, the link picker, the audit
#   f. a member's key (Cy): the detail pane and the link picker
#
#   packaging/bulk-shots.sh [OUTPUT_DIR] [SIZES]     # default target/screenshots/bulk, "1024x700 1600x1000"
#
# Writes <theme>-<size>-<step>.png. The sandbox is the standalone one (its latency is turned up through its
# --control input so that Stop lands midway). Each run uses a throw-away home folder (never your settings or
# keyring). Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, python3, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots/bulk}")"
sizes="${2:-1024x700 1600x1000}"
mkdir -p "$out"
[ -n "${WALK_NO_BUILD:-}" ] || ${MVN:-mvn} -q -B package -DskipTests >/dev/null
for cmd in xvfb-run xdotool import python3; do
  command -v "$cmd" >/dev/null || { echo "bulk-shots.sh: $cmd is missing (see the header)" >&2; exit 1; }
done

walk() {  # runs inside xvfb-run, so DISPLAY is set
  theme="$1"; size="$2"; tag="$theme-$size"   # tmp, app, sandbox and hold stay global: the EXIT trap reads them
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" "${sandbox:-}" "${hold:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  snap() { sleep "${2:-1.5}"; import -window root "$out/$tag-$1.png"; }
  key() { xdotool key --clearmodifiers "$@" || true; sleep 0.7; }
  main() {  # the main window, placed, sized and focused
    wid=$(timeout 60 xdotool search --sync --name '^Hoglink$' | head -1)
    xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}"
    xdotool windowfocus "$wid"; sleep 0.5
  }
  focus_named() { local w; w=$(timeout 10 xdotool search --sync --name "$1" | tail -1 || true)
                  if [ -n "$w" ]; then xdotool windowfocus "$w"; sleep 0.4; fi; }
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  start_sandbox() {  # the standalone sandbox on $port with its state file, commands from a FIFO
    rm -f "$tmp/ctl"; mkfifo "$tmp/ctl"
    sleep infinity >"$tmp/ctl" & hold=$!
    java -jar target/hoglink.jar sandbox --port "$port" --state "$tmp/world.json" --control \
      <"$tmp/ctl" >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
    sandbox=$!
    for _ in $(seq 1 60); do grep -q '^key.org_scoped=' "$tmp/sandbox.out" 2>/dev/null && break; sleep 0.5; done
  }
  stop_sandbox() { kill "$sandbox" "$hold" 2>/dev/null || true; wait "$sandbox" 2>/dev/null || true; }
  control() { echo "$1" >"$tmp/ctl"; sleep 0.3; }
  sandbox_key() { sed -n "s/^key.$1=//p" "$tmp/sandbox.out"; }
  stop_app() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }
  connect() {  # HOME_DIR KEY [WRONG_KEY]: the app on the standalone sandbox, keys typed into its connection dialog
    local home="$1" dlg ask
    mkdir -p "$home/config"
    printf '{"lastUsed":"Sandbox","profiles":[{"name":"Sandbox","host":"http://127.0.0.1:%s","organizationId":null,"sandbox":false}]}\n' \
      "$port" >"$home/config/profiles.json"
    java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
         -jar target/hoglink.jar --profile Sandbox --theme "$theme" >"$home/app.log" 2>&1 &
    app=$!
    main
    dlg=$(timeout 60 xdotool search --sync --name '^Edit connection$' | tail -1)
    xdotool windowfocus --sync "$dlg"; sleep 0.5
    if [ -n "${3:-}" ]; then
      xdotool type --delay 5 "$3"; key Return       # Enter tests the key: refused
      snap e1-connect-wrong-key 3
      key ctrl+a
    fi
    xdotool type --delay 5 "$2"                    # the focus is in the key field
    key Return; sleep 3                             # Enter tests the key
    [ -z "${3:-}" ] || snap e2-connect-good-key 0.5
    key Return; sleep 2                             # Enter again saves it
    ask=$(xdotool search --name '^No system keyring$' 2>/dev/null | tail -1 || true)
    if [ -n "$ask" ]; then xdotool windowfocus --sync "$ask"; sleep 0.3; key Return; fi   # keep it for this session
    for _ in $(seq 1 60); do sleep 0.5; xdotool search --name '^Edit connection$' >/dev/null 2>&1 || break; done
    sleep 5; main
  }
  open_project() { key ctrl+f; key ctrl+a; xdotool type --delay 30 "$1"; sleep 0.8; key Down; key Return; sleep 2; }

  start_sandbox
  # e: a wrong key first, then the owner's
  mkdir -p "$tmp/owner"
  connect "$tmp/owner" "$(sandbox_key owner)" "phx_not_a_key_$(date +%s)0000000000"
  # d: Web's detail pane at its narrowest, scrolled down to the installations it could link and their users
  open_project Web
  snap d1-detail-top
  xdotool mousemove $(( ${size%x*} - 150 )) $(( ${size#*x} / 2 )) click --repeat 12 --delay 80 5   # wheel down
  snap d2-detail-installations
  # a: Checkout and the 16 projects under it, linked to acme-labs
  key Escape
  key ctrl+f; key ctrl+a; key BackSpace; key Down   # the whole list, Web first
  for _ in 1 2 3 4 5 6 7; do key Down; done        # down to Checkout, the first project without GitHub
  for _ in $(seq 1 16); do xdotool key shift+Down; sleep 0.15; done
  key ctrl+shift+l; sleep 1.5
  xdotool type --delay 40 "acme-labs"; key Down; key Return
  snap a1-plan 2.5
  control "latency 700"
  key Return                                       # Apply
  snap a2-progress 4
  key alt+s                                        # Stop after this project
  snap a3-stopping 0.3
  snap a4-stopped 4
  key alt+r                                        # Resume the rest
  snap a5-resuming 3
  stop_sandbox                                     # the server dies mid-resume
  snap a6-server-killed 8
  start_sandbox                                    # back on the same port with the same state
  control "latency 0"
  focus_named '^Link projects'
  key alt+r                                        # Resume again
  snap a7-resumed-result 6
  key Escape
  main
  snap a8-main-after 2
  key ctrl+shift+a                                 # the audit
  snap a9-audit 5
  key ctrl+Tab; key ctrl+Tab; key ctrl+Tab         # History
  snap a10-history 2
  # c: the Export menu, each item saved through the save dialog into the output folder, then read back
  local n=0 item audit X Y WIDTH HEIGHT SCREEN WINDOW
  audit=$(xdotool search --name '^Audit' | tail -1)
  for item in inventory.csv inventory.json history.csv history.json diagram.png; do
    n=$((n + 1))
    xdotool windowfocus "$audit"; sleep 0.3
    eval "$(xdotool getwindowgeometry --shell "$audit")"
    xdotool mousemove $((X + WIDTH - 60)) $((Y + 25)) click 1; sleep 1   # Export, at the window's top right
    [ "$n" = 1 ] && snap c1-export-menu 0.3
    for _ in $(seq 1 "$n"); do key Down; done
    key Return
    focus_named '^Export'                          # the save dialog; its name field has the focus
    [ "$n" = 1 ] && snap c2-save-dialog 1
    key ctrl+a; xdotool type --delay 5 "$out/$tag-export-$item"; key Return
    sleep 2
  done
  snap c3-after-exports 0.5
  stop_app

  # b: Fay, owner of Stark Industries, whose Stark Web project has a second environment
  mkdir -p "$tmp/stark"
  connect "$tmp/stark" "$(sandbox_key stark_owner)"
  snap b1-stark-table 1
  open_project "Stark Web"
  snap b2-stark-web-detail
  key ctrl+l
  snap b3-stark-web-link 2.5
  key Escape; main
  open_project "Staging"
  snap b4-staging-detail
  key ctrl+shift+a
  snap b5-stark-audit 5
  stop_app

  # f: Cy, a member
  mkdir -p "$tmp/member"
  connect "$tmp/member" "$(sandbox_key member)"
  open_project Checkout
  snap f1-member-detail
  key ctrl+l
  snap f2-member-link 2.5
  key Escape
  stop_app
  stop_sandbox
}
if [ "${WALK_THEME:-}" ]; then   # the run inside Xvfb
  walk "$WALK_THEME" "$WALK_SIZE"
  exit 0
fi
for theme in ${WALK_THEMES:-light dark}; do
  for s in $sizes; do
    WALK_THEME=$theme WALK_SIZE=$s xvfb-run -a -s "-screen 0 ${s}x24" "$0" "$out" "$sizes"
  done
done
ls -1 "$out"/*.png
