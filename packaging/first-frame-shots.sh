#!/usr/bin/env bash
# PNGs of the window's first frame on a repeat start (the sandbox's cached inventory from an earlier run, marked as
# cached with its age), at 1024x700, light and dark, into a folder (default target/screenshots/first-frame).
# Runs under xvfb-run with a throw-away home: a first run fills the cache (it exits by itself once its data
# settle), then a second start is shot in its first frame (-Dhoglink.snapshot.firstframe=DIR) and exits.
#   packaging/first-frame-shots.sh [OUTPUT_DIR] [--profile-without-keyring]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots/first-frame}")"
mkdir -p "$out"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
[ -f target/hoglink.jar ] || ${MVN:-mvn} -q -B package -DskipTests >/dev/null
run() { xvfb-run -a -s "-screen 0 1280x800x24" java -Dprism.order=sw -Dprism.lcdtext=false -Dhoglink.home="$home" "$@" \
  -jar target/hoglink.jar --sandbox >>"$home/run.log" 2>&1; }
run -Dhoglink.snapshot="$home/settled"
# the window as a 1024x700 window, not maximized
python3 - "$home/config/ui.json" <<'PY'
import json, sys
p = sys.argv[1]
d = json.load(open(p))
d.update(windowWidth=1024, windowHeight=700, maximized=False)
json.dump(d, open(p, "w"))
PY
run -Dhoglink.snapshot.firstframe="$out"
ls -1 "$out"/first-frame-*.png
