#!/usr/bin/env bash
# Start-up benchmark. Under one Xvfb display, on the embedded sandbox, it runs N rounds; each round starts,
# one after the other, a JavaFX hello world on the plain JDK (the floor: one Stage, one Label, JavaFX on the
# module path), the same hello world in the environment the app's launcher sets for itself (the stricter floor),
# and each build of the app found:
#   target/dist/Hoglink        the app-image (JDK 25 runtime + AOT cache when built with JDK 25)
#   target/dist-jdk17/Hoglink  the JDK 17 + AppCDS fall-back image (packaging/build-linux.sh --jdk <17> --dest target/dist-jdk17)
#   /opt/hoglink/bin/Hoglink   the installed .deb, if installed
#   java -jar target/hoglink.jar on the plain JDK
# each twice: a first start (an empty home: the rows come from the sandbox) and a repeat start (a home with the
# sandbox's cached inventory from an earlier run: the rows come from the cache, in the first frame),
# and prints, per configuration, the median (min-max) of the time from process spawn to the first frame of
# the window and to the first frame showing project rows, each also as a ratio to the hello world's window,
# the peak RSS, and the CPU time (user + system, all threads and child processes, until the exit at the
# rows mark; steadier than wall-clock time when the machine is shared), and of that the FX thread's (the window's
# own thread, to its window or rows mark) and the JIT compiler threads' (from Linux's per-thread schedstat).
# Then the sizes. Build first: mvn -Pdist package (or mvn package and packaging/build-linux.sh). The machine's other load counts: run it on a quiet machine, or say it was shared.
#   usage: packaging/bench-startup.sh [N]     (default N=7, after one discarded warm-up round)
#   BENCH_IMAGES="dir/Hoglink ..."  the app-images to compare (default: target/dist/Hoglink target/dist-jdk17/Hoglink)
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-7}
command -v Xvfb >/dev/null || { echo "bench-startup: needs Xvfb (apt-get install xvfb)" >&2; exit 1; }
[ -f target/hoglink.jar ] || { echo "bench-startup: run mvn package (or mvn -Pdist package) first" >&2; exit 1; }
JAVA=${JAVA:-java}
work=$(mktemp -d)
disp=:$((90 + RANDOM % 100))
Xvfb "$disp" -screen 0 1280x800x24 -nolisten tcp >/dev/null 2>&1 &
xvfb_pid=$!
trap 'kill $xvfb_pid 2>/dev/null || true; rm -rf "$work"' EXIT

# The hello world, compiled against the same JavaFX jars the app uses.
FX=$(ls target/lib/javafx-*-linux.jar | paste -sd: -)
mkdir -p "$work/hello"
javac -d "$work/hello" --module-path "$FX" --add-modules javafx.controls packaging/bench/HelloFx.java

# A home with the sandbox's cached inventory, as an earlier run leaves it: one run of the app that exits by
# itself once its data settle (the screenshot mode), so its cache is written as at a normal exit.
seed=$work/seed
mkdir -p "$seed"
DISPLAY=$disp timeout 180 $JAVA -Dprism.order=sw -Dhoglink.home="$seed" -Dhoglink.snapshot="$work/shots" \
  -jar target/hoglink.jar --sandbox >"$work/seed.log" 2>&1 || true
ls "$seed"/cache/inventory*.json >/dev/null 2>&1 || { echo "bench-startup: seeding the cache failed" >&2; tail "$work/seed.log" >&2; exit 1; }

labels=() cmds=() seeded=()
add() { labels+=("$1"); cmds+=("$2"); seeded+=(""); labels+=("  the same, repeat start (cached rows)"); cmds+=("$2"); seeded+=(yes); }
labels+=("hello world (plain JDK, module path)"); seeded+=("")
cmds+=("$JAVA --module-path $FX --add-modules javafx.controls -cp $work/hello HelloFx")
# The stricter floor: the same hello world in the environment the app's launcher sets for itself (GTK's own GL off;
# without a session bus, GTK's settings in memory and its accessibility bridge off), printed beside the ratios.
labels+=("hello world, in the app's launch environment"); seeded+=("")
cmds+=("env GDK_GL=disable MALLOC_ARENA_MAX=2 $( [ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] || echo GSETTINGS_BACKEND=memory NO_AT_BRIDGE=1 ) $JAVA --module-path $FX --add-modules javafx.controls -cp $work/hello HelloFx")
IMAGES=${BENCH_IMAGES:-target/dist/Hoglink target/dist-jdk17/Hoglink}
for image in $IMAGES; do
  [ -x "$image/bin/Hoglink" ] || continue
  rt=$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/JDK \1/p' "$image/lib/runtime/release")
  cache=$(ls "$image"/lib/app/hoglink.aot "$image"/lib/app/hoglink.jsa 2>/dev/null | head -1 || true)
  case "$cache" in *.aot) what="AOT cache" ;; *.jsa) what="AppCDS" ;; *) what="no class cache" ;; esac
  add "app-image $image ($rt, $what)" "$image/bin/Hoglink --sandbox"
done
[ -x /opt/hoglink/bin/Hoglink ] && add "installed .deb /opt/hoglink" "/opt/hoglink/bin/Hoglink --sandbox"
add "java -jar target/hoglink.jar (plain JDK, AppCDS from its 1st start)" "$JAVA -jar target/hoglink.jar --sandbox"
sleep 1

one_run() { # index [warmup] -> appends "window rows rss_mb cpu fx_cpu jit_cpu" to $work/<index>.txt
  local i=$1 cmd=${cmds[$1]} home out
  home=$(mktemp -d -p "$work") out=$(mktemp -p "$work")
  [ -z "${seeded[$1]}" ] || cp -a "$seed/." "$home/"
  local t0; t0=$(date +%s%3N)
  DISPLAY=$disp HOGLINK_STARTUP_PROBE=$t0 HOGLINK_STARTUP_EXIT=${HOGLINK_BENCH_EXIT:-rows} \
    JAVA_TOOL_OPTIONS="-Dprism.order=sw -Dhoglink.home=$home" \
    timeout 90 /usr/bin/time -f 'rss_kb=%M cpu_s=%U+%S' $cmd >"$out" 2>&1 || true
  local w r m
  w=$(sed -n 's/^startup.window_ms=//p' "$out" | head -1)
  r=$(sed -n 's/^startup.rows_ms=//p' "$out" | head -1)
  m=$(sed -n 's/^rss_kb=\([0-9]*\).*/\1/p' "$out" | tail -1)
  c=$(sed -n 's/^rss_kb=.* cpu_s=\(.*\)/\1/p' "$out" | tail -1 | awk -F+ '{printf "%d", ($1 + $2) * 1000}')
  local fx jit # the FX thread's and the JIT's CPU at the process's last mark (rows, or the hello world's window)
  fx=$(sed -n 's/^startup\.[a-z]*_fx_cpu_ms=//p' "$out" | tail -1)
  jit=$(sed -n 's/^startup\.[a-z]*_jit_cpu_ms=//p' "$out" | tail -1)
  [ -n "${2:-}" ] || echo "${w:-NA} ${r:-NA} $(( ${m:-0} / 1024 )) ${c:-NA} ${fx:-NA} ${jit:-NA}" >> "$work/$i.txt"
  rm -rf "$out" "$home"
}

for i in "${!cmds[@]}"; do one_run "$i" warmup; done   # file cache, JavaFX's native library extraction
for _ in $(seq "$N"); do
  for i in "${!cmds[@]}"; do one_run "$i"; done
done

median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "NA"; exit} print (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}'; }
stats() { # numbers on stdin -> "median (min-max)"
  sort -n | awk '{a[NR]=$1} END {if (NR==0) {print "n/a"; exit}
    m = (NR%2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2); printf "%d (%d-%d)", m, a[1], a[NR]}'
}
col() { awk -v c="$2" '{print $c}' "$work/$1.txt" | grep -v NA || true; }
floor=$(col 0 1 | median)
ratio() { [ "$1" = NA ] || [ "$floor" = NA ] && { echo "n/a"; return; }; awk -v a="$1" -v b="$floor" 'BEGIN {printf "%.2f", a / b}'; }

echo "Start-up, $N interleaved rounds (ms from spawn, median (min-max); ratio = median / hello world's window; peak RSS MiB), $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg):"
printf '| %-64s | %-17s | %-17s | %-6s | %-6s | %-8s | %-8s | %-8s | %-8s |\n' "configuration" "to window" "to first rows" "window" "rows" "peak RSS" "CPU ms" "FX CPU" "JIT CPU"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..66})" "-------------------" "-------------------" "--------" "--------" "----------" "----------" "----------" "----------"
for i in "${!cmds[@]}"; do
  w=$(col "$i" 1 | stats) r=$(col "$i" 2 | stats)
  wr="$(ratio "$(col "$i" 1 | median)")x" rr="$(ratio "$(col "$i" 2 | median)")x"
  [ "$i" -le 1 ] && { r="-"; rr="-"; }
  printf '| %-64s | %-17s | %-17s | %-6s | %-6s | %-8s | %-8s | %-8s | %-8s |\n' "${labels[$i]}" "$w" "$r" "$wr" "$rr" \
    "$(col "$i" 3 | median)" "$(col "$i" 4 | median)" "$(col "$i" 5 | median)" "$(col "$i" 6 | median)"
done
strict=$(col 1 1 | median)
echo
echo "Against the stricter floor (the hello world in the app's launch environment, its window at $strict ms): first rows at"
for i in "${!cmds[@]}"; do
  [ "$i" -ge 2 ] || continue
  r=$(col "$i" 2 | median)
  [ "$r" = NA ] || [ "$strict" = NA ] || printf '  %-66s %sx\n' "${labels[$i]}" "$(awk -v a="$r" -v b="$strict" 'BEGIN {printf "%.2f", a / b}')"
done
echo
mb() { du -smc "$@" 2>/dev/null | tail -1 | cut -f1; }
echo "Sizes in MB (app-image = runtime + class cache + app jars):"
for image in $IMAGES; do
  [ -d "$image" ] || continue
  d=$(dirname "$image")
  echo "$image: $(mb "$image") (runtime $(mb "$image/lib/runtime"): lib/modules $(mb "$image/lib/runtime/lib/modules"), libjvm $(mb "$image"/lib/runtime/lib/server/libjvm.so); class cache $(mb "$image"/lib/app/hoglink.aot "$image"/lib/app/hoglink.jsa); app jars $(mb "$image/lib/app/hoglink.jar" "$image/lib/app/lib"))    .deb: $(ls "$d"/*.deb >/dev/null 2>&1 && mb "$d"/*.deb || echo none)"
done
