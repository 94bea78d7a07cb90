#!/usr/bin/env bash
# Inventory benchmark: loads a large generated organization from the sandbox through the whole stack the
# window uses, once with PostHog's throttle off and once with it on, and prints time to first rows, time
# to the full inventory against its lower bound, requests, 429s, retries and peak heap.
#   usage: packaging/bench-inventory.sh [projects=2000] [latencyMs=50]
# With the throttle on, 2,000 projects take about four minutes: PostHog allows 480 requests a minute.
set -euo pipefail
cd "$(dirname "$0")/.."
${MVN:-mvn} -q -B test-compile dependency:build-classpath -Dmdep.includeScope=test \
    -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
for throttle in off on; do
  echo "== throttle $throttle"
  java -Xmx512m -cp "$cp" dev.hoglink.bench.InventoryBenchmark "${1:-2000}" "${2:-50}" "$throttle"
done
