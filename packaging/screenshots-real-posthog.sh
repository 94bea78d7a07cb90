#!/usr/bin/env bash
# Screenshots of the main window and the audit over the sandbox's models of real PostHog behaviours at 1024x700,
# light and dark: a key limited to two projects, a project with environments and the repositories' Refresh (and
# its cooldown), a Refresh that GitHub refuses (a suspended installation, and one suspended meanwhile, whose row
# then turns unavailable), and the audit's history on the free plan. Writes PNGs into a folder (default:
# target/screenshots/real-posthog).
#   packaging/screenshots-real-posthog.sh [OUTPUT_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:-target/screenshots/real-posthog}")"
mkdir -p "$out"
. packaging/bench/test-classpath.sh   # builds the tests; sets cp
xvfb-run -a -s "-screen 0 1400x900x24" java -Dprism.order=sw -Dprism.lcdtext=false -cp "$cp" \
  dev.hoglink.ui.main.RealPostHogScreenshots\$Main "$out" 2> >(grep -v 'Unsupported JavaFX configuration' >&2)
ls -1 "$out"/*.png
