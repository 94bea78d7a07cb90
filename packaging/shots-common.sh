# Sourced by the screenshot scripts that drive the real window on a standalone sandbox (keys-shots.sh,
# shared-shots.sh). Expects from its caller: $app_jar, $tmp (a throw-away folder), $theme, and the functions
# key (presses keys) and fill (WINDOW_ID: places a window at the screen's size).

# start_sandbox LINE [SANDBOX ARGS...]: a standalone sandbox on a free port, waited for until it has printed
# LINE's key (e.g. key.owner); sets $sandbox (its pid), $url and $owner (the owner's key).
start_sandbox() {
  local wait_for="$1"; shift
  java -jar "$app_jar" sandbox --port 0 "$@" >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
  sandbox=$!
  for _ in $(seq 1 60); do grep -q "^$wait_for=" "$tmp/sandbox.out" && break; sleep 0.5; done
  url="$(sed -n 's/^url=//p' "$tmp/sandbox.out")"
  owner="$(sed -n 's/^key.owner=//p' "$tmp/sandbox.out")"
}

# sign_in_owner: the app with a throw-away home whose one profile points at the sandbox; the owner's key typed
# into the connection dialog, tested and saved with Enter (kept for this session when there is no keyring); sets
# $home, $app (its pid) and $main (the main window, filling the screen).
sign_in_owner() {
  home="$tmp/owner"
  mkdir -p "$home/config"
  printf '{"lastUsed":"Sandbox","profiles":[{"name":"Sandbox","host":"%s","organizationId":null,"sandbox":false}]}\n' \
    "$url" >"$home/config/profiles.json"
  java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
       -jar "$app_jar" --profile Sandbox --theme "$theme" >"$home/app.log" 2>&1 &
  app=$!
  local dlg ask
  dlg=$(timeout 60 xdotool search --sync --name '^Edit connection$' | tail -1)
  xdotool windowfocus --sync "$dlg"; sleep 0.5
  xdotool type --delay 5 "$owner"                 # the focus is in the key field
  key Return; sleep 3                             # Enter tests the key
  key Return; sleep 2                             # Enter again saves it
  ask=$(xdotool search --name '^No system keyring$' 2>/dev/null | tail -1 || true)
  if [ -n "$ask" ]; then xdotool windowfocus --sync "$ask"; sleep 0.3; key Return; fi   # keep it for this session
  for _ in $(seq 1 60); do sleep 0.5; xdotool search --name '^Edit connection$' >/dev/null 2>&1 || break; done
  main=$(timeout 60 xdotool search --sync --name '^Hoglink$' | head -1)
  sleep 5; fill "$main"
}
