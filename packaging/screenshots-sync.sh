#!/usr/bin/env bash
# Screenshots of the sync engine's messages on the real main window at 1024x700, light and dark, against the
# embedded sandbox: the rows' age in the status bar, the hour's budget spent (banner with countdown), and a
# project with two environments (Stark). Writes PNGs into a folder (default: target/screenshots).
#   packaging/screenshots-sync.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots}")"
mkdir -p "$out"
. packaging/bench/test-classpath.sh   # builds the tests; sets cp
xvfb-run -a -s "-screen 0 1400x900x24" java -Dprism.order=sw -Dprism.lcdtext=false -cp "$cp" \
  dev.hoglink.ui.inventory.SyncScreenshots\$Main "$out" 2> >(grep -v 'Unsupported JavaFX configuration' >&2)
ls -1 "$out"/sync-*.png
