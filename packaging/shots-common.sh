# Sourced, from the project's root, by the screenshot scripts that drive the real window under Xvfb on a standalone
# sandbox (keys-shots.sh, shared-shots.sh, environment-shots.sh, member-tip-shots.sh, crash-shots.sh,
# uninstall-shots.sh). shots_setup sets $out and $app_jar, shot_keys defines snap, key and fill for one run inside
# Xvfb; the sandbox and sign-in functions also expect $tmp (a throw-away folder) and, for sign_in_owner, $theme.

# shots_setup OUT_DIR: sets $out (OUT_DIR, absolute, created) and $app_jar ($HOGLINK_JAR, by default
# target/hoglink.jar, absolute); builds target/hoglink.jar first when there is none.
shots_setup() {
  out="$(realpath -m "$1")"
  app_jar="$(realpath -m "${HOGLINK_JAR:-target/hoglink.jar}")"
  mkdir -p "$out"
  [ -f target/hoglink.jar ] || ${MVN:-mvn} -q -B package -DskipTests >/dev/null
}

# need_tools SCRIPT CMD...: exits 1, naming SCRIPT and the first missing one, unless every CMD is installed.
need_tools() {
  local script="$1" cmd; shift
  for cmd in "$@"; do
    command -v "$cmd" >/dev/null || { echo "$script: $cmd is missing (see the header)" >&2; exit 1; }
  done
}

# shot_keys: defines, for one run inside Xvfb, snap NAME [SECONDS] (waits SECONDS, default 1.5, then captures the
# screen to $out/$theme-$size-NAME.png), key KEYS... (presses them, never failing, then waits 0.7 s) and fill
# WINDOW_ID (the window at the screen's corner, $size large, focused). They read $out, $theme and $size when
# called; a script whose names differ defines its own snap after this.
shot_keys() {
  snap() { sleep "${2:-1.5}"; import -window root "$out/$theme-$size-$1.png"; }
  key() { xdotool key --clearmodifiers "$@" || true; sleep 0.7; }
  fill() {
    xdotool windowmove "$1" 0 0 windowsize "$1" "${size%x*}" "${size#*x}"
    xdotool windowfocus "$1"; sleep 0.5
  }
}

# sandbox_key ROLE: the sandbox's key for ROLE (owner, org_scoped, readonly, member...), as it printed it.
sandbox_key() {
  sed -n "s/^key\.$1=//p" "$tmp/sandbox.out"
}

# sandbox_ready LINE: waits up to 30 s for a line LINE=... in the sandbox's output; sets $url and $owner (the
# owner's key), empty when the sandbox printed none.
sandbox_ready() {
  for _ in $(seq 1 60); do grep -q "^$1=" "$tmp/sandbox.out" && break; sleep 0.5; done
  url="$(sed -n 's/^url=//p' "$tmp/sandbox.out")"
  owner="$(sandbox_key owner)"
}

# start_sandbox LINE [SANDBOX ARGS...]: a standalone sandbox on a free port, waited for until it has printed
# LINE's key (e.g. key.owner); sets $sandbox (its pid), $url and $owner (the owner's key).
start_sandbox() {
  local wait_for="$1"; shift
  java -jar "$app_jar" sandbox --port 0 "$@" >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
  sandbox=$!
  sandbox_ready "$wait_for"
}

# start_controlled_sandbox SCRIPT LINE [SANDBOX ARGS...]: start_sandbox's, with --control reading its commands from
# the fifo $tmp/control, which stays open on fd 3 (`echo "latency 0" >&3`), so the commands never reach their end (a
# command in the background reads nothing otherwise). The caller's EXIT trap should `echo stop >&3` and kill
# $sandbox. Sets $sandbox, $url and $owner as start_sandbox does; exits 1, naming SCRIPT and showing the sandbox's
# stderr, when it printed no url.
start_controlled_sandbox() {
  local script="$1" wait_for="$2"; shift 2
  mkfifo "$tmp/control"
  exec 3<>"$tmp/control"
  java -jar "$app_jar" sandbox --port 0 "$@" --control <"$tmp/control" >"$tmp/sandbox.out" 2>"$tmp/sandbox.err" &
  sandbox=$!
  sandbox_ready "$wait_for"
  [ -n "$url" ] || { echo "$script: the sandbox did not start:" >&2; cat "$tmp/sandbox.err" >&2; exit 1; }
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
