#!/usr/bin/env bash
# Filter and sort speed of the projects table, and live heap per loaded row, in-process (FilterSortBenchmark):
# the real main window on Monocle's headless screen at 1024x700, over 2,000 and 10,000 projects by default.
#   usage: packaging/bench-filter.sh [sizes=2000,10000] [rounds=5]
# Prints name=value lines: keystroke and sort times (median, p90, max; FX thread, change to CSS+layout done)
# and the load average. JAVA_OPTS (default -Xmx1g) is passed to the JVM.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/bench/test-classpath.sh   # builds the tests; sets cp
echo "uptime: $(uptime)"
java ${JAVA_OPTS:--Xmx1g} -Djava.awt.headless=true -cp "$cp" dev.hoglink.bench.FilterSortBenchmark "${1:-2000,10000}" "${2:-5}" \
  2> >(grep -v -e 'Unsupported JavaFX configuration' >&2)
echo "uptime: $(uptime)"
