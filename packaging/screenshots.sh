#!/usr/bin/env bash
# Writes PNG screenshots of the main window, light and dark, into a folder (default: target/screenshots).
# Runs the app under Xvfb with software rendering and a throw-away home folder, so it never touches
# your settings, cache or keyring. The app takes the shots itself once the data settle
# (-Dhoglink.snapshot=DIR), then exits.
#
#   packaging/screenshots.sh [OUTPUT_DIR]
#   MVN="mvn -o" packaging/screenshots.sh     # offline, with the dependencies already downloaded
#
# Needs: xvfb-run (Debian: xvfb xauth), libgtk-3-0, Maven. The window runs on the embedded sandbox and its
# seeded organization (--sandbox), exactly as a newcomer sees it.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots}")"
mkdir -p "$out"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT

${MVN:-mvn} -q -B package -DskipTests >/dev/null

xvfb-run -a -s "-screen 0 1600x1000x24" \
  java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" \
       -Dhoglink.home="$home" -Dhoglink.snapshot="$out" \
       -jar target/hoglink.jar --sandbox
ls -1 "$out"/*.png
