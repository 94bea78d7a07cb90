#!/usr/bin/env bash
# Resident memory of the desktop window on a large organization, per set of JVM options: a standalone sandbox
# with N projects (no latency), then for each option set the real window under Xvfb (JavaFX on the module path,
# as the desktop launch starts it) opens it, reads every project, opens the audit and keeps it open for a while
# (dev.hoglink.bench.WindowMemoryBench). Prints per option set the resident memory (VmRSS) and its peak so far
# (VmHWM) once every row is read with no audit open, the same at the audit's end, and the heap in use after a
# full GC, with the load average.
#   usage: packaging/bench-memory.sh [projects=2000] [auditSeconds=60]
#   OPTION_SETS: option sets separated by '|' (default: the JDK's defaults; the launch's options without and with
#   its heap bound)
#   JAVA: the java to run (default: java on the PATH)
#   PRISM_ORDER: JavaFX's pipelines to try (default: the launch's choice, dev.hoglink.RenderingPipeline: sw on a
#   system without a GPU device such as Xvfb's, else JavaFX's own es2,sw; es2,sw under Xvfb shows what JavaFX's
#   es2 probe costs: it loads the GL driver, Mesa's llvmpipe, before it falls back to sw)
#   BENCH_DUMP=folder: per option set, folder/run-K/ gets the native memory summary (add
#   -XX:NativeMemoryTracking=summary to the set), pmap -x, a thread dump and a heap histogram at both moments
set -euo pipefail
cd "$(dirname "$0")/.."
projects=${1:-2000}
audit_s=${2:-60}
command -v xvfb-run >/dev/null || { echo "bench-memory: needs xvfb-run" >&2; exit 1; }
. packaging/bench/test-classpath.sh   # builds the tests; sets cp and launch_options
work=${BENCH_WORK:-$(mktemp -d)}
mkdir -p "$work"
# the compiled classes are copied, so that a build while the benchmark runs does not change them under it
rm -rf "$work/classes" && mkdir -p "$work/classes" && cp -r target/classes target/test-classes "$work/classes/"
all="$work/classes/test-classes:$work/classes/classes:$(cat target/bench-classpath.txt)"
fx=$(echo "$all" | tr ':' '\n' | grep '/javafx-[a-z]*-[0-9.]*-linux\.jar$' | paste -sd: -)
cp=$(echo "$all" | tr ':' '\n' | grep -v '/javafx-' | paste -sd: -)
# the desktop launch's options (ModulePathRelaunch.START_UP_OPTIONS, as build-linux.sh's COMMON) and environment
# (START_UP_ENVIRONMENT, as the packaged launcher's exports)
launch="$(sed -n 's/.*export \([A-Z_]*\)=\${[A-Z_]*:-\([^}]*\)}.*/\1=\2/p' packaging/build-linux.sh | paste -sd' ') $launch_options"
JAVA=${JAVA:-java}
PRISM_ORDER=${PRISM_ORDER:-}
OPTION_SETS=${OPTION_SETS:-"-XX:+UseG1GC|-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData|$launch"}
trap '[ -n "${sandbox_pid:-}" ] && kill "$sandbox_pid" 2>/dev/null; [ -n "${BENCH_WORK:-}" ] || rm -rf "$work"' EXIT
java -Xmx512m -cp "$cp" dev.hoglink.Launcher sandbox --projects "$projects" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
for _ in $(seq 1 300); do grep -q '^key.owner=' "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^url=//p' "$work/sandbox.out")
key=$(sed -n 's/^key.owner=//p' "$work/sandbox.out")
[ -n "$url" ] && [ -n "$key" ] || { echo "bench-memory: the sandbox did not start" >&2; cat "$work/sandbox.err" >&2; exit 1; }

echo "Window memory, $projects projects loaded and the audit open for ${audit_s} s, prism.order=${PRISM_ORDER:-as the launch chooses}, $(nproc) cores, load average at start $(cut -d' ' -f1-3 /proc/loadavg):"
printf '| %-90s | %-9s | %-10s | %-9s | %-10s | %-9s |\n' "JVM options" "loaded MB" "peak MB" "audit MB" "peak MB" "heap MB"
printf '| %-90s | %-9s | %-10s | %-9s | %-10s | %-9s |\n' "(RSS and peak RSS when every row is read, no audit; then at the audit's end; heap live after a full GC)" "" "" "" "" ""
IFS='|' read -r -a sets <<<"$OPTION_SETS"
n=0
for opts in "${sets[@]}"; do
  out="$work/run-$((++n)).out"
  envs=() jopts=()   # NAME=VALUE words of a set go to the environment (e.g. MALLOC_ARENA_MAX=2)
  for t in $opts; do if [[ $t =~ ^[A-Z_]+= ]]; then envs+=("$t"); else jopts+=("$t"); fi; done
  HOGLINK_BENCH_DUMP=${BENCH_DUMP:+$BENCH_DUMP/run-$n} \
  HOGLINK_BENCH_URL=$url HOGLINK_BENCH_KEY=$key HOGLINK_BENCH_AUDIT_S=$audit_s HOGLINK_BENCH_PROJECTS=$projects timeout 1200 \
    xvfb-run -a -s "-screen 0 1280x800x24" env "${envs[@]}" "$JAVA" "${jopts[@]}" ${PRISM_ORDER:+-Dprism.order=$PRISM_ORDER} --module-path "$fx" \
    --add-modules javafx.controls,javafx.fxml -cp "$cp" dev.hoglink.bench.WindowMemoryBench >"$out" 2>"$out.err" || true
  loaded=$(sed -n 's/^membench loaded.*: rss_mb=\([0-9]*\).*/\1/p' "$out" | head -1)
  loaded_peak=$(sed -n 's/^membench loaded.*: .*peak_rss_mb=\([0-9]*\).*/\1/p' "$out" | head -1)
  audit=$(sed -n 's/^membench audit open end: rss_mb=\([0-9]*\).*/\1/p' "$out" | head -1)
  peak=$(sed -n 's/^membench audit open end: .*peak_rss_mb=\([0-9]*\).*/\1/p' "$out" | head -1)
  heap=$(sed -n 's/^membench.heap_after_gc_mb=\([0-9]*\).*/\1/p' "$out" | head -1)
  printf '| %-90s | %-9s | %-10s | %-9s | %-10s | %-9s |\n' "$opts" "${loaded:-n/a}" "${loaded_peak:-n/a}" "${audit:-n/a}" "${peak:-n/a}" "${heap:-n/a}"
  [ -n "$audit" ] || { tail -n 5 "$out" "$out.err" >&2 || true; }
done
echo "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
