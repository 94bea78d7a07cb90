#!/usr/bin/env bash
# Screenshots of the main window and the audit over the sandbox's models of real PostHog behaviours at 1024x700,
# light and dark: a key limited to two projects, a project with environments and the repositories' Refresh (and
# its cooldown), a Refresh that GitHub refuses (a suspended installation, and one suspended meanwhile, whose row
# then turns unavailable), and the audit's history on the free plan. Writes PNGs into a folder (default:
# target/screenshots/real-posthog). With a size (WIDTHxHEIGHT, e.g. 1600x1000) the windows take that size and
# every shot is taken in light and dark, named NAME-WIDTHxHEIGHT-THEME.png.
#   packaging/screenshots-real-posthog.sh [OUTPUT_DIR [WIDTHxHEIGHT]]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots/real-posthog}")"
size="${2:-}"
screen=1400x900
if [ -n "$size" ]; then
  [[ "$size" =~ ^([0-9]+)x([0-9]+)$ ]] || { echo "size is WIDTHxHEIGHT, e.g. 1600x1000, not $size" >&2; exit 2; }
  w="${BASH_REMATCH[1]}" h="${BASH_REMATCH[2]}"
  # the X screen holds the whole window with a margin, and is never smaller than the default run's
  screen="$(( w + 200 > 1400 ? w + 200 : 1400 ))x$(( h + 200 > 900 ? h + 200 : 900 ))"
fi
mkdir -p "$out"
. packaging/bench/test-classpath.sh   # builds the tests; sets cp
xvfb-run -a -s "-screen 0 ${screen}x24" java -Dprism.order=sw -Dprism.lcdtext=false -cp "$cp" \
  dev.hoglink.ui.main.RealPostHogScreenshots\$Main "$out" $size 2> >(grep -v 'Unsupported JavaFX configuration' >&2)
ls -1 "$out"/*.png
