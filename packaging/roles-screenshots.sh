#!/usr/bin/env bash
# PNGs of the read-only connection, the sandbox's roles, the GitHub install requests window and the
# repositories card, at 1024x700 and 1600x1000 in light and dark, taken by the real app on its built-in
# sandbox (a test-only launcher, dev.hoglink.RolesScreenshots) with a throw-away home folder.
#
#   packaging/roles-screenshots.sh [OUTPUT_DIR]      # default target/screenshots/roles
#
# Needs: Xvfb (xvfb, xauth), libgtk-3-0, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots/roles}")"
home="$(mktemp -d)"
trap 'rm -rf "$home"' EXIT
${MVN:-mvn} -q -B test-compile dependency:build-classpath -Dmdep.outputFile="$home/cp.txt" >/dev/null
xvfb-run -a -s "-screen 0 1700x1100x24" \
  java -Dprism.order=sw -Dprism.lcdtext=false -Djavafx.cachedir="$home/openjfx" -Dhoglink.home="$home" \
       -Droles.out="$out" -cp "target/classes:target/test-classes:$(cat "$home/cp.txt")" \
       'dev.hoglink.RolesScreenshots$Main' --sandbox
ls -1 "$out"/*.png
