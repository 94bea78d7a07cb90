#!/usr/bin/env bash
# Inventory race: the loop PostHog's docs imply (curl, one request at a time: the organization's project pages,
# then every project's GitHub integrations) against Hoglink (the window's whole stack: view model, inventory
# service, client with its host-aware rate limiter), one after the other against the same standalone
# `hoglink sandbox` process. Prints for each: time to first rows (Hoglink), full inventory, requests, 429s,
# retries, peak RSS, and the ratio.
#   usage: packaging/bench-inventory.sh [projects=2000] [latencyMs=50] [throttle=off|on] [inFlight=32 (the app's)]
# A third run signs in with PostHog (OAuth, the sandbox's authorization server) and loads the same inventory with
# the session's token: PostHog's personal-key throttle does not count OAuth requests (BENCH_SKIP_OAUTH=1: skip).
# With the throttle off the sandbox stands in for a self-hosted PostHog (Hoglink's limiter starts uncapped);
# with it on, for PostHog Cloud (Hoglink gets the Cloud limiter, capped from the start).
# With the throttle on, 2,000 projects take about four minutes for Hoglink: PostHog allows 480 requests a
# minute. The curl loop stops at its first 429, as a loop with `curl --fail` and `set -e` does.
# JAVA_OPTS (default: the desktop launch's options, ModulePathRelaunch.START_UP_OPTIONS: serial GC, C1 only,
# -Xms32m -Xmx512m) is passed to Hoglink's JVM; peak RSS comes from GNU time for both. "full inventory" is timed
# from the connect (as the window starts it) to the last row; "process wall" adds the JVM's start and exit.
# The sandbox models PostHog's deployment: its latency delays each answer without holding one of its 4 workers.
set -euo pipefail
cd "$(dirname "$0")/.."
projects=${1:-2000}
latency=${2:-50}
throttle=${3:-off}
inflight=${4:-32}
case "$throttle" in on|off) ;; *) echo "throttle must be on or off" >&2; exit 2 ;; esac
for tool in curl jq /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench-inventory: needs $tool" >&2; exit 1; }
done
. packaging/bench/test-classpath.sh   # builds the tests; sets cp and launch_options
work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; [ -n "${sandbox_pid:-}" ] && kill "$sandbox_pid" 2>/dev/null; rm -rf "$work"' EXIT

# The sandbox: its own JVM, fed control commands through a FIFO (for the request count).
mkfifo "$work/control"
flags=(--projects "$projects" --latency-ms "$latency" --control)
[ "$throttle" = on ] && flags+=(--throttle)
java -Xmx512m -cp "$cp" dev.hoglink.Launcher sandbox "${flags[@]}" <"$work/control" >"$work/sandbox.out" 2>"$work/sandbox.err" &
sandbox_pid=$!
exec 3>"$work/control"
for _ in $(seq 1 300); do grep -q '^key.owner=' "$work/sandbox.out" 2>/dev/null && break; sleep 0.1; done
url=$(sed -n 's/^url=//p' "$work/sandbox.out")
key=$(sed -n 's/^key.owner=//p' "$work/sandbox.out")
[ -n "$url" ] && [ -n "$key" ] || { echo "bench-inventory: the sandbox did not start" >&2; cat "$work/sandbox.err" >&2; exit 1; }
served() { # the sandbox's count of requests served so far (its control "summary")
  local n; n=$(grep -c '^ok requests=' "$work/sandbox.out" || true)
  echo summary >&3
  for _ in $(seq 1 400); do [ "$(grep -c '^ok requests=' "$work/sandbox.out" || true)" -gt "$n" ] && break; sleep 0.05; done
  grep '^ok requests=' "$work/sandbox.out" | tail -1 | sed -n 's/^ok requests=\([0-9]*\).*/\1/p'; }
auth=(-H "Authorization: Bearer $key")
org=$(curl -sS --fail "${auth[@]}" "$url/api/organizations/" | jq -r '.results | max_by(.name | startswith("Initech")) | .id')
before=$(served)

# 1. The curl loop: pages of projects, then each project's integrations, one request at a time.
cat >"$work/loop.sh" <<'LOOP'
#!/usr/bin/env bash
url=$1 key=$2 org=$3 out=$4
requests=0 throttled=0
next="$url/api/organizations/$org/projects/?limit=100"
: >"$out.ids"
status() { echo "requests=$requests"; echo "throttled=$throttled"; }
get() { # prints the body; stops the loop at the first failure, as curl --fail with set -e does
  local code
  requests=$((requests + 1))
  code=$(curl -sS -o "$out.body" -w '%{http_code}' -H "Authorization: Bearer $key" "$1") || { status; exit 1; }
  if [ "$code" = 429 ]; then throttled=$((throttled + 1)); status; echo "died=429"; exit 1; fi
  [ "$code" -lt 300 ] || { status; echo "died=$code"; exit 1; }
}
while [ -n "$next" ] && [ "$next" != null ]; do
  get "$next"
  jq -r '.results[].id' "$out.body" >>"$out.ids"
  next=$(jq -r '.next' "$out.body")
done
while read -r id; do
  get "$url/api/projects/$id/integrations/?kind=github&limit=100"
done <"$out.ids"
status
echo "rows=$(wc -l <"$out.ids")"
LOOP
start=$(date +%s%N)
if [ -z "${BENCH_SKIP_LOOP:-}" ]; then # BENCH_SKIP_LOOP=1: Hoglink alone (to compare its settings)
  /usr/bin/time -f 'peak_rss_kb=%M' -o "$work/loop.time" bash "$work/loop.sh" "$url" "$key" "$org" "$work/loop" >"$work/loop.out" 2>&1 || true
else
  printf 'requests=0\nthrottled=0\ndied=skipped\n' >"$work/loop.out"; echo 'peak_rss_kb=0' >"$work/loop.time"
fi
loop_ms=$(( ($(date +%s%N) - start) / 1000000 ))
after_loop=$(served)

# 2. Hoglink: the window's stack in one JVM, against the same sandbox.
if [ "$throttle" = on ]; then
  # PostHog counts the curl loop's requests against the same key; let its minute pass (they stay in the hour).
  sleep 62
fi
start=$(date +%s%N)
/usr/bin/time -f 'peak_rss_kb=%M cpu_s=%U+%S' -o "$work/hog.time" java ${JAVA_OPTS:-$launch_options} -cp "$cp" \
    dev.hoglink.bench.InventoryBenchmark "$url" "$key" "$org" "$projects" "$inflight" \
    "$([ "$throttle" = on ] && echo cloud || echo host)" >"$work/hog.out" 2>"$work/hog.err" \
  || { echo "bench-inventory: Hoglink's run failed" >&2; tail -20 "$work/hog.err" >&2; exit 1; }
hog_wall=$(( ($(date +%s%N) - start) / 1000000 ))
after_hog=$(served)

# 3. Hoglink signed in with PostHog (OAuth): the same stack with the session's access token and the OAuth limiter.
# PostHog's personal-key throttle (480/minute, 4800/hour) does not count OAuth requests, so no pause is needed.
# BENCH_SKIP_OAUTH=1 leaves it out.
if [ -z "${BENCH_SKIP_OAUTH:-}" ]; then
  oauth_start=$(date +%s%N)
  /usr/bin/time -f 'peak_rss_kb=%M cpu_s=%U+%S' -o "$work/oauth.time" java ${JAVA_OPTS:-$launch_options} -cp "$cp" \
      dev.hoglink.bench.InventoryBenchmark "$url" - "$org" "$projects" "$inflight" oauth >"$work/oauth.out" 2>"$work/oauth.err" \
    || { echo "bench-inventory: Hoglink's OAuth run failed" >&2; tail -20 "$work/oauth.err" >&2; exit 1; }
  oauth_wall=$(( ($(date +%s%N) - oauth_start) / 1000000 ))
else
  printf 'first_rows_ms=-\nfull_ms=-\nrows=-\nrequests=0\nthrottled=-\nretries=-\nlimiter_waits=-\nlimiter_waited_ms=-\nsignin_ms=-\n' >"$work/oauth.out"
  echo 'peak_rss_kb=0' >"$work/oauth.time"
fi
after_oauth=$(served)

val() { sed -n "s/^$2=//p" "$1" | tail -1; }
tval() { tr ' ' '\n' <"$1" | sed -n "s/^$2=//p" | tail -1; }
loop_rows=$(val "$work/loop.out" rows); loop_died=$(val "$work/loop.out" died)
hog_full=$(val "$work/hog.out" full_ms)
echo "projects=$projects latency=${latency}ms throttle=$throttle hoglink_in_flight=$inflight cores=$(nproc) (shared: figures vary with other load)"
oauth_full=$(val "$work/oauth.out" full_ms)
printf '%-22s %14s %18s %18s\n' "" "curl loop" "hoglink (key)" "hoglink (OAuth)"
printf '%-22s %14s %18s %18s\n' "sign-in (not timed)" "-" "-" "$(val "$work/oauth.out" signin_ms) ms"
printf '%-22s %14s %18s %18s\n' "time to first rows" "-" "$(val "$work/hog.out" first_rows_ms) ms" "$(val "$work/oauth.out" first_rows_ms) ms"
if [ -n "$loop_died" ]; then loop_full="died ($loop_died) at ${loop_ms} ms"; else loop_full="${loop_ms} ms"; fi
printf '%-22s %14s %18s %18s\n' "full inventory" "$loop_full" "$hog_full ms" "$oauth_full ms"
printf '%-22s %14s %18s %18s\n' "process wall" "$loop_ms ms" "$hog_wall ms" "${oauth_wall:--} ms"
printf '%-22s %14s %18s %18s\n' "hoglink CPU" "-" "$(tval "$work/hog.time" cpu_s) s" "$(tval "$work/oauth.time" cpu_s) s"
printf '%-22s %14s %18s %18s\n' "rows" "${loop_rows:-incomplete}" "$(val "$work/hog.out" rows)" "$(val "$work/oauth.out" rows)"
printf '%-22s %14s %18s %18s\n' "requests (client)" "$(val "$work/loop.out" requests)" "$(val "$work/hog.out" requests)" "$(val "$work/oauth.out" requests)"
printf '%-22s %14s %18s %18s\n' "requests (sandbox)" "$((after_loop - before))" "$((after_hog - after_loop))" "$((after_oauth - after_hog))"
printf '%-22s %14s %18s %18s\n' "429s" "$(val "$work/loop.out" throttled)" "$(val "$work/hog.out" throttled)" "$(val "$work/oauth.out" throttled)"
printf '%-22s %14s %18s %18s\n' "retries" "0" "$(val "$work/hog.out" retries)" "$(val "$work/oauth.out" retries)"
printf '%-22s %14s %18s %18s\n' "limiter waits" "-" "$(val "$work/hog.out" limiter_waits) ($(val "$work/hog.out" limiter_waited_ms) ms)" "$(val "$work/oauth.out" limiter_waits) ($(val "$work/oauth.out" limiter_waited_ms) ms)"
printf '%-22s %14s %18s %18s\n' "peak RSS" "$(( $(tval "$work/loop.time" peak_rss_kb) / 1024 )) MiB" "$(( $(tval "$work/hog.time" peak_rss_kb) / 1024 )) MiB" "$(( $(tval "$work/oauth.time" peak_rss_kb) / 1024 )) MiB"
echo "load average          $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -z "${BENCH_SKIP_OAUTH:-}" ]; then
  awk -v k="$hog_full" -v o="$oauth_full" 'BEGIN { printf "OAuth vs key           signed-in run %.2fx faster than the personal-key run\n", k / o }'
fi
if [ -z "$loop_died" ]; then
  awk -v l="$loop_ms" -v h="$hog_full" 'BEGIN { printf "ratio                  hoglink %.2fx faster than the curl loop\n", l / h }'
  awk -v l="$loop_ms" -v h="$hog_wall" 'BEGIN { printf "ratio, process wall    hoglink %.2fx faster (its JVM start and exit included)\n", l / h }'
else
  echo "ratio                  - (the curl loop did not finish)"
fi
if [ "$throttle" = on ]; then
  awk -v r="$(val "$work/hog.out" requests)" -v h="$hog_full" 'BEGIN { b = int((r - 1) / 480) * 61000;
    if (b > 0) printf "480/min bound          %d ms for %d requests; hoglink at %.2fx of it\n", b, r, h / b }'
fi
echo stop >&3
