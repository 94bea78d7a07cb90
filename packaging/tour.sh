#!/usr/bin/env bash
# Screenshots for the README's tour, taken the way a person sees the app: the real window under Xvfb on the
# embedded sandbox, driven from the keyboard with xdotool, captured with ImageMagick's `import`. Each theme is
# one run of the app with a throw-away home folder (never your settings, cache or keyring).
#
#   packaging/tour.sh [OUTPUT_DIR] [WIDTHxHEIGHT]      # default assets/screenshots, 1024x700
#
# Writes, per theme (light, dark): <theme>-1-inventory.png, -2-detail.png, -3-link.png, -4-bulk-link.png,
# -5-oauth.png, -6-audit.png, -7-history.png. Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-assets/screenshots}")"
size="${2:-1024x700}"
mkdir -p "$out"
[ -f target/hoglink.jar ] || ${MVN:-mvn} -q -B package -DskipTests >/dev/null
for cmd in xvfb-run xdotool import; do
  command -v "$cmd" >/dev/null || { echo "tour.sh: $cmd is missing (see the header)" >&2; exit 1; }
done

shoot_theme() {  # runs inside xvfb-run, so DISPLAY is set
  local theme="$1" home log wid app
  home="$(mktemp -d)"; log="$home/app.log"
  HOGLINK_STARTUP_PROBE="$(date +%s%3N)" HOGLINK_STARTUP_EXIT=never \
    java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
         -jar target/hoglink.jar --sandbox --theme "$theme" >"$log" 2>&1 &
  app=$!
  wid=$(timeout 60 xdotool search --sync --name '^Hoglink' | head -1)
  xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}"
  for _ in $(seq 1 120); do grep -q '^startup.rows_ms=' "$log" && break; sleep 0.5; done
  sleep 2                                   # the detail pane and the cell icons settle
  snap() { sleep "${2:-1.5}"; import -window root "$out/$theme-$1.png"; }
  key() { xdotool key --clearmodifiers "$@"; sleep 0.6; }
  focus_audit() { local a; a=$(timeout 30 xdotool search --sync --name '^Audit' | tail -1 || true)
                  if [ -n "$a" ]; then xdotool windowfocus "$a"; sleep 0.5; fi; }
  xdotool windowfocus "$wid"; sleep 0.3
  snap 1-inventory 0.5
  key ctrl+f; key Down; key Return           # search field, into the table, open the first project (Web)
  snap 2-detail
  key ctrl+l                                 # link an existing installation to it
  snap 3-link
  key Escape
  key ctrl+f; xdotool type --delay 40 "a"; key BackSpace; key Down
  for _ in 1 2 3 4 5 6 7; do key Down; done  # down to the first projects without GitHub
  key shift+Down; key shift+Down; key shift+Down
  key ctrl+shift+l                           # bulk link the selected projects: plan, then apply
  sleep 1.5
  xdotool type --delay 40 "acme-labs"; key Down; key Return   # the installation: the plan fills in
  snap 4-bulk-link 2.5
  key Escape
  key ctrl+shift+o                           # OAuth bootstrap for the current project
  snap 5-oauth
  key Escape
  key ctrl+shift+a                           # the audit window
  focus_audit                                # no window manager gives a new window the keys: smaller than the
  snap 6-audit 4                             # screen (1600x1000), it did not get them without this
  key ctrl+w                                 # Acme keeps 2 months of activity, older than the seeded past:
  xdotool windowfocus "$wid"; sleep 1        # nor does it hand them back when a window closes
  xdotool mousemove 200 24 click 1; sleep 1  # the organization picker (Alt+O was lost at 1600x1000): open, closed,
  key Escape; key Down                       # then the next one, Globex Labs (60 months), which shows it
  xdotool mousemove "${size%x*}" "${size#*x}"
  sleep 3
  key ctrl+shift+a
  sleep 4; focus_audit
  key ctrl+Tab; key ctrl+Tab; key ctrl+Tab   # the audit's History tab: PostHog's log and this computer's journal
  snap 7-history 1.5
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
  rm -rf "$home"
}
if [ "${TOUR_THEME:-}" ]; then   # the run inside Xvfb
  shoot_theme "$TOUR_THEME"
  exit 0
fi
for theme in light dark; do
  TOUR_THEME=$theme xvfb-run -a -s "-screen 0 ${size}x24" "$0" "$out" "$size"
done
ls -1 "$out"/*.png
