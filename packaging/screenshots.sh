#!/usr/bin/env bash
# Writes PNG screenshots of the main window, light and dark, into a folder (default: target/screenshots).
# Runs the app under Xvfb with software rendering and a throw-away home folder, so it never touches
# your settings, cache or keyring. The app takes the shots itself once the data settle
# (-Dhoglink.snapshot=DIR), then exits.
#
#   packaging/screenshots.sh [OUTPUT_DIR]
#   MVN="mvn -o" packaging/screenshots.sh     # offline, with the dependencies already downloaded
#
# Needs: xvfb-run (Debian: xvfb xauth), libgtk-3-0, Maven. Until the sandbox-backed service is wired in,
# the window runs over the test suite's in-memory demo organization (dev.hoglink.ScreenshotApp).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots}")"
mkdir -p "$out"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT

${MVN:-mvn} -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/screenshot-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/screenshot-classpath.txt)"

xvfb-run -a -s "-screen 0 1600x1000x24" \
  java -cp "$cp" -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" \
       -Dhoglink.home="$home" -Dhoglink.snapshot="$out" \
       dev.hoglink.ScreenshotLauncher
ls -1 "$out"/*.png
