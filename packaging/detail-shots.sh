#!/usr/bin/env bash
# PNGs of the detail pane after an unlink and of the link dialog's refusals, as a person sees them: the real window
# under Xvfb, driven from the keyboard with xdotool, captured with ImageMagick's `import`, in light and dark. Each
# run of the app has a throw-away home folder (never your settings or keyring).
#
#   packaging/detail-shots.sh [OUTPUT_DIR] [WIDTHxHEIGHT]      # default target/screenshots/detail, 1024x700
#   HOGLINK_JAR=old/hoglink.jar packaging/detail-shots.sh DIR    # the same walk with another build of the app
#
# Writes, per theme (light, dark):
#   <theme>-1-unlink-confirm.png   the embedded sandbox as its owner: Mobile's detail and the Unlink confirmation
#   <theme>-2-after-unlink.png     the detail pane once Mobile is unlinked: the Link button and its new state
#   <theme>-3-adoption-refused.png a standalone sandbox as Cy, a member: Checkout linked to cy-gh, which no project
#                                  of the organization uses yet; PostHog wants an admin of Checkout for that
#   <theme>-4-orphan-confirm.png   Cy confirms cy-gh again; meanwhile Ada, the owner, links cy-gh to Secret Lab, a
#   <theme>-5-orphan-refused.png   restricted project Cy cannot access, so PostHog refuses Cy's link as an orphan
#   <theme>-6-unnamed-sources.png  the same sandbox as Ada with a key limited to Mobile: the link picker's source
#                                  projects are not loaded, and the sandbox leaves their names out as PostHog's code
#                                  does (--unnamed-sources)
#   <theme>-7-unnamed-confirm.png  the confirmation of one of them
# The standalone sandbox's world is the seeded one with one change, made in its state file: ada-gh's GitHub account
# also sees the cy-gh installation (a collaborator), so Ada may adopt it; the rest happens through PostHog's API.
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, curl, jq, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots/detail}")"
size="${2:-1024x700}"
app_jar="$(realpath -m "${HOGLINK_JAR:-target/hoglink.jar}")"
mkdir -p "$out"
[ -f target/hoglink.jar ] || ${MVN:-mvn} -q -B package -DskipTests >/dev/null
for cmd in xvfb-run xdotool import curl jq; do
  command -v "$cmd" >/dev/null || { echo "detail-shots.sh: $cmd is missing (see the header)" >&2; exit 1; }
done

shoot_theme() {  # runs inside xvfb-run, so DISPLAY is set
  theme="$1"   # tmp, app and sandbox stay global: the EXIT trap reads them after this function
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" "${sandbox:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  snap() { sleep "${2:-1.5}"; import -window root "$out/$theme-$1.png"; }
  key() { xdotool key --clearmodifiers "$@" || true; sleep 0.7; }
  main() {  # the main window, placed, sized and focused
    wid=$(timeout 60 xdotool search --sync --name '^Hoglink$' | head -1)
    xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}"
    xdotool windowfocus "$wid"; sleep 0.5
  }
  run_app() {  # HOME_DIR ARGS...: the app with its own home folder
    local home="$1"; shift
    java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
         -jar "$app_jar" "$@" --theme "$theme" >"$home/app.log" 2>&1 &
    app=$!
  }
  connect() {  # HOME_DIR KEY: the app on the standalone sandbox, the key typed into its connection dialog
    local home="$1" dlg ask
    mkdir -p "$home/config"
    printf '{"lastUsed":"Sandbox","profiles":[{"name":"Sandbox","host":"%s","organizationId":null,"sandbox":false}]}\n' \
      "$url" >"$home/config/profiles.json"
    run_app "$home" --profile Sandbox
    dlg=$(timeout 60 xdotool search --sync --name '^Edit connection$' | tail -1)
    xdotool windowfocus --sync "$dlg"; sleep 0.5
    xdotool type --delay 5 "$2"                    # the focus is in the key field
    key Return; sleep 3                             # Enter tests the key
    key Return; sleep 2                             # Enter again saves it
    ask=$(xdotool search --name '^No system keyring$' 2>/dev/null | tail -1 || true)
    if [ -n "$ask" ]; then xdotool windowfocus --sync "$ask"; sleep 0.3; key Return; fi   # keep it for this session
    for _ in $(seq 1 60); do sleep 0.5; xdotool search --name '^Edit connection$' >/dev/null 2>&1 || break; done
    sleep 5; main
  }
  open_project() { key ctrl+f; xdotool type --delay 40 "$1"; sleep 0.5; key Down; key Return; sleep 2; }
  stop_app() { kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true; }

  # 1-2: unlink Mobile on the embedded sandbox, as its owner. Enter on the row puts the focus on Link; Tab three
  # times reaches Unlink…; in its confirmation Cancel has the focus and Tab reaches Unlink.
  mkdir -p "$tmp/owner"
  HOGLINK_STARTUP_PROBE="$(date +%s%3N)" HOGLINK_STARTUP_EXIT=never run_app "$tmp/owner" --sandbox
  main
  for _ in $(seq 1 120); do grep -q '^startup.rows_ms=' "$tmp/owner/app.log" && break; sleep 0.5; done
  sleep 2; main
  open_project Mobile
  key Tab; key Tab; key Tab; key space
  snap 1-unlink-confirm
  key Tab; key space
  snap 2-after-unlink 3
  stop_app

  # The standalone sandbox: seeded into a state file, ada-gh given the cy-gh installation, started again on it.
  java -jar target/hoglink.jar sandbox --port 0 --state "$tmp/world.json" >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
  sandbox=$!
  for _ in $(seq 1 60); do [ -s "$tmp/world.json" ] && grep -q '^key.org_scoped=' "$tmp/sandbox.out" && break; sleep 0.5; done
  kill "$sandbox"; wait "$sandbox" 2>/dev/null || true
  jq '(.githubUsers[] | select(.login == "ada-gh") | .installationIds) += ["10000006"]' "$tmp/world.json" >"$tmp/w.json"
  mv "$tmp/w.json" "$tmp/world.json"
  java -jar target/hoglink.jar sandbox --port 0 --state "$tmp/world.json" --unnamed-sources \
    >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
  sandbox=$!
  for _ in $(seq 1 60); do grep -q '^key.org_scoped=' "$tmp/sandbox.out" && break; sleep 0.5; done
  url="$(sed -n 's/^url=//p' "$tmp/sandbox.out")"
  sandbox_key() { sed -n "s/^key.$1=//p" "$tmp/sandbox.out"; }

  # 3-5: Cy, a member, links Checkout to cy-gh, his own account's installation that no project uses yet.
  mkdir -p "$tmp/member"
  connect "$tmp/member" "$(sandbox_key member)"
  open_project Checkout
  key ctrl+l; sleep 2                              # the link picker
  key ctrl+f; xdotool type --delay 40 cy-gh; sleep 0.5; key Down   # filtered to cy-gh, chosen
  key Return                                       # Next: the confirmation
  key Return                                       # Link: PostHog wants an admin of Checkout
  snap 3-adoption-refused 2.5
  key alt+b; key Return                            # Back, Next: the confirmation again
  snap 4-orphan-confirm
  curl -sS -o /dev/null -X POST -H "Authorization: Bearer $(sandbox_key owner)" -H 'Content-Type: application/json' \
    -d '{"installation_id": "10000006"}' "$url/api/projects/124/integrations/github/link_existing/"   # Ada, meanwhile
  key Return                                       # Link
  snap 5-orphan-refused 3
  key Escape
  stop_app

  # 6-7: Ada with a key limited to Mobile: the sources of the link picker are projects the app has not loaded.
  mkdir -p "$tmp/scoped"
  connect "$tmp/scoped" "$(sandbox_key project_scoped)"
  key ctrl+f; key Down; key Return; sleep 2        # Mobile, the only project
  key ctrl+l
  snap 6-unnamed-sources 2.5
  key ctrl+f; xdotool type --delay 40 acme-labs; sleep 0.5; key Down
  key Return                                       # Next: the confirmation
  snap 7-unnamed-confirm
  key Escape
  stop_app
}
if [ "${DETAIL_THEME:-}" ]; then   # the run inside Xvfb
  shoot_theme "$DETAIL_THEME"
  exit 0
fi
for theme in light dark; do
  DETAIL_THEME=$theme HOGLINK_JAR="$app_jar" xvfb-run -a -s "-screen 0 ${size}x24" "$0" "$out" "$size"
done
ls -1 "$out"/*.png
