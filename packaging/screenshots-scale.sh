#!/usr/bin/env bash
# Screenshots of the screens changed for large organizations, against a sandbox with the 2,000-project
# organization (Initech Scale, 50 installations): the main window at its smallest (898x535) with the filter chips
# and the toolbar's selection count, the detail pane's "can link" list with its filter, and the audit's problems
# (the projects without GitHub as one entry), its matrix scrolled sideways and filtered, and its diagram with a
# group of 500 expanded; each in light and dark, at 1024x700 and at 1600x1000.
# Runs a test-side launcher (dev.hoglink.ui.main.ScaleScreenshots) under Xvfb with software rendering; the
# window, link and audit commands are the real ones, the sandbox and the journal are throw-away.
#
#   packaging/screenshots-scale.sh [OUTPUT_DIR]       # default target/screenshots-scale
#
# Needs: xvfb-run (Debian: xvfb xauth), libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots-scale}")"
mkdir -p "$out"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
. packaging/bench/test-classpath.sh   # builds the tests; sets cp
xvfb-run -a -s "-screen 0 1600x1000x24" \
  java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
       -cp "$cp" \
       'dev.hoglink.ui.main.ScaleScreenshots$Main' "$out"
ls -1 "$out"/*.png
