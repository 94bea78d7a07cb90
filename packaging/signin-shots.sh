#!/usr/bin/env bash
# "Sign in with PostHog" as a person walks it, under Xvfb: a standalone sandbox plays PostHog; the app (on its
# embedded sandbox) opens "Connect to PostHog…" from the first-run banner, picks Self-hosted with the sandbox's address, presses
# "Sign in with PostHog instead…" (the grant is shown), then "Open browser and sign in". The "browser" is a
# stand-in `xdg-open` on PATH that does what a person does on the consent page: it loads the page, submits its
# form (Authorize, or Deny with SIGNIN_DENY=1; SIGNIN_SCOPES="user:read project:read …" grants only those) with curl and follows the redirect to Hoglink's listener. The app
# then shows the signed-in connection's inventory.
#
#   packaging/signin-shots.sh [OUTPUT_DIR] [WIDTHxHEIGHT]     # default target/signin-shots, 1024x700
#
# Writes <theme>-signin-1-dialog.png, -2-grant.png, -3-result.png (the inventory, or the denial) and -4-detail.png
# (the first project's detail) for light and dark.
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, curl, libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/signin-shots}")"
size="${2:-1024x700}"
mkdir -p "$out"
[ -f target/hoglink.jar ] || ${MVN:-mvn} -q -B package -DskipTests >/dev/null

shoot_theme() {  # runs inside xvfb-run, so DISPLAY is set
  local theme="$1" home log wid app sandbox url
  home="$(mktemp -d)"; log="$home/app.log"
  java -jar target/hoglink.jar sandbox >"$home/sandbox.out" 2>"$home/sandbox.err" &
  sandbox=$!
  for _ in $(seq 1 120); do grep -q '^url=' "$home/sandbox.out" && break; sleep 0.5; done
  url=$(sed -n 's/^url=//p' "$home/sandbox.out")
  mkdir -p "$home/bin"
  cat >"$home/bin/xdg-open" <<'BROWSER'
#!/usr/bin/env bash
# The admin in a browser: load the consent page, submit its form, follow the redirect to the app's listener.
exec >>"$(dirname "$0")/../browser.log" 2>&1
echo "the stand-in browser opened the consent page"
page=$(curl -sS "$1")
form=$(printf '%s' "$page" | grep -o '<input type="hidden" name="[^"]*" value="[^"]*">' \
  | sed -E 's/<input type="hidden" name="([^"]*)" value="([^"]*)">/\1\t\2/' \
  | sed -e 's/&amp;/\&/g' -e 's/&quot;/"/g' -e "s/&#39;/'/g")
args=()
while IFS=$'\t' read -r k v; do
  [ "$k" = scope ] && [ -n "${SIGNIN_SCOPES:-}" ] && v="$SIGNIN_SCOPES"   # the admin grants less than asked
  args+=(--data-urlencode "$k=$v")
done <<<"$form"
allow=true; [ -n "${SIGNIN_DENY:-}" ] && allow=false
origin=$(printf '%s' "$1" | sed -E 's#^(https?://[^/]+).*#\1#')
sleep "${SIGNIN_DELAY:-3}"
location=$(curl -sS -o /dev/null -w '%{redirect_url}' "${args[@]}" --data-urlencode "user=1" \
  --data-urlencode "allow=$allow" "$origin/oauth/authorize/")
curl -sS -o /dev/null "$location"
BROWSER
  chmod +x "$home/bin/xdg-open"
  # The stand-in is also the desktop's default web browser (GTK opens links through GIO's handlers, not PATH).
  mkdir -p "$home/xdg-data/applications" "$home/xdg-config"
  printf '[Desktop Entry]\nType=Application\nName=Stand-in browser\nExec=%s %%u\nMimeType=x-scheme-handler/http;x-scheme-handler/https;\n' \
    "$home/bin/xdg-open" >"$home/xdg-data/applications/standin.desktop"
  printf '[Default Applications]\nx-scheme-handler/http=standin.desktop\nx-scheme-handler/https=standin.desktop\n' \
    >"$home/xdg-config/mimeapps.list"
  export XDG_DATA_HOME="$home/xdg-data" XDG_CONFIG_HOME="$home/xdg-config"
  PATH="$home/bin:$PATH" java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" \
       -Dhoglink.home="$home" -jar target/hoglink.jar --sandbox --theme "$theme" >"$log" 2>&1 &
  app=$!
  wid=$(timeout 60 xdotool search --sync --name '^Hoglink' | head -1)
  xdotool windowmove "$wid" 0 0 windowsize "$wid" "${size%x*}" "${size#*x}"
  sleep 8
  snap() { sleep "${2:-1.5}"; import -window root "$out/$theme-$1.png"; }
  key() { xdotool key --clearmodifiers "$@"; sleep 0.7; }
  xdotool windowfocus "$wid"; sleep 0.3
  # The first-run banner's "Connect to PostHog…": below two lines of banner text at 1024 wide, one line when wider.
  local at="105 200"; [ "${size%x*}" -ge 1400 ] && at="105 181"
  xdotool mousemove ${SIGNIN_CLICK:-$at} click 1
  sleep 2
  # From the name field (focused first on a new connection): on to the host radios, right twice to Self-hosted,
  # then on to its address field.
  key Tab; key Right; key Right
  key Tab
  xdotool type --delay 20 "$url"; sleep 0.5
  xdotool type --delay 20 ""; key Tab
  snap signin-1-dialog
  key alt+i                                   # "Sign in with PostHog instead…": the grant is shown first
  snap signin-2-grant 3
  key alt+b                                   # "Open browser and sign in": the stand-in browser consents
  snap signin-3-result 12
  xdotool windowfocus "$wid" 2>/dev/null || true; sleep 0.3
  key ctrl+f; key Down; key Return            # the first project's detail: its actions and why they are off
  snap signin-4-detail 3
  cat "$home/browser.log" >&2 2>/dev/null || echo "the stand-in browser was not started" >&2
  kill "$app" "$sandbox" 2>/dev/null || true; wait "$app" "$sandbox" 2>/dev/null || true
  rm -rf "$home"
}
if [ "${SHOTS_THEME:-}" ]; then   # the run inside Xvfb
  shoot_theme "$SHOTS_THEME"
  exit 0
fi
for theme in light dark; do
  SHOTS_THEME=$theme xvfb-run -a -s "-screen 0 ${size}x24" "$0" "$out" "$size"
done
ls -1 "$out"/*.png
