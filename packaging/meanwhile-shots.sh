#!/usr/bin/env bash
# PNGs of what the window says when someone else changed a project while a dialog waited: a link made meanwhile,
# a link whose source project lost the installation, an unlink whose row became the installation's last
# reference, an unlink whose row is gone, and a plan whose source project loses the installation mid-run (then
# resumed), and a row shared only with projects not listed (Shared: elsewhere). The window and its dialogs over a sandbox, driven by ChangesMadeMeanwhileFxTest, in light and dark at
# 1024x700 and 1600x1000; every open window is one PNG.
#
#   packaging/meanwhile-shots.sh [OUTPUT_DIR]      # default target/screenshots/meanwhile
#
# Writes <theme>-<size>-<step>-main.png and -window1.png (the dialog or alert). Needs Maven; no display (Monocle).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots/meanwhile}")"
mkdir -p "$out"
for theme in light dark; do
  for size in 1024x700 1600x1000; do
    ${MVN:-mvn} -B -ntp -q -Dtest=ChangesMadeMeanwhileFxTest -Dsurefire.failIfNoSpecifiedTests=false \
      -Dtruth.shots="$out" -Dtruth.theme="$theme" -Dtruth.size="$size" test >/dev/null \
      || { echo "meanwhile-shots.sh: the walk failed ($theme $size); see target/surefire-reports" >&2; exit 1; }
  done
done
ls -1 "$out"/*.png
