#!/usr/bin/env bash
# Start-up benchmark: runs the packaged app-image and the plain `java -jar target/hoglink.jar` N times
# each under one Xvfb display, on the embedded sandbox, and prints the median and range of the time
# from process spawn to the main window and to the first project rows, and the peak RSS. Then the
# sizes of the app-image and the .deb. Build first: mvn -Pdist package (or mvn package and
# packaging/build-linux.sh).
#   usage: packaging/bench-startup.sh [N]     (default N=7, after one discarded warm-up run each)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-7}
command -v Xvfb >/dev/null || { echo "bench-startup: needs Xvfb (apt-get install xvfb)" >&2; exit 1; }
[ -x target/dist/Hoglink/bin/Hoglink ] || { echo "bench-startup: no app-image; run mvn -Pdist package" >&2; exit 1; }
disp=:$((90 + RANDOM % 100))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT
work=$(mktemp -d)
sleep 1

one_run() { # label cmd...  -> prints "window rows rss_mb"
  local home; home=$(mktemp -d -p "$work")
  local t0; t0=$(date +%s%3N)
  DISPLAY=$disp HOGLINK_STARTUP_PROBE=$t0 HOGLINK_STARTUP_EXIT=${HOGLINK_BENCH_EXIT:-rows} \
    JAVA_TOOL_OPTIONS="-Dprism.order=sw -Dhoglink.home=$home" \
    timeout 60 /usr/bin/time -f 'rss_kb=%M' "$@" >"$home/out" 2>&1 || true
  local w r m
  w=$(sed -n 's/^startup.window_ms=//p' "$home/out" | head -1)
  r=$(sed -n 's/^startup.rows_ms=//p' "$home/out" | head -1)
  m=$(sed -n 's/^rss_kb=//p' "$home/out" | tail -1)
  echo "${w:-NA} ${r:-NA} $(( ${m:-0} / 1024 ))"
}

stats() { # column-of-numbers on stdin -> "median (min-max)"
  sort -n | awk '{a[NR]=$1} END {if (NR==0 || a[1]=="NA") {print "n/a"; exit}
    m = (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2); printf "%d (%d-%d)", m, a[1], a[NR]}'
}

bench() { # label cmd...
  local label=$1; shift
  one_run "$@" >/dev/null   # warm-up: file cache, JavaFX native library extraction
  local f="$work/$RANDOM.txt"
  for _ in $(seq "$N"); do one_run "$@" >>"$f"; done
  printf '| %-48s | %-18s | %-18s | %-14s |\n' "$label" \
    "$(awk '{print $1}' "$f" | grep -v NA | stats)" "$(awk '{print $2}' "$f" | grep -v NA | stats)" \
    "$(awk '{print $3}' "$f" | stats)"
}

echo "Start-up, $N runs each (ms from spawn; peak RSS MiB), $(nproc) cores:"
printf '| %-48s | %-18s | %-18s | %-14s |\n' "configuration" "to window" "to first rows" "peak RSS"
printf '|%s|%s|%s|%s|\n' "--------------------------------------------------" "--------------------" "--------------------" "----------------"
bench "app-image (jlink runtime, AppCDS, Serial, 1 C1 thread)" target/dist/Hoglink/bin/Hoglink --sandbox
bench "java -jar target/hoglink.jar" java -jar target/hoglink.jar --sandbox
echo
echo "app-image: $(du -sh target/dist/Hoglink | cut -f1)    .deb: $(du -h target/dist/*.deb 2>/dev/null | cut -f1 || echo none)"
