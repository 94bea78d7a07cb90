#!/usr/bin/env bash
# How many requests Hoglink keeps in flight, chosen by measurement: the JDK HTTP client (as Hoglink uses it)
# sends REQUESTS GETs with at most N in flight, over HTTP/1.1 (a connection per request in flight) and over HTTP/2
# (one connection, N streams), against a node server (TLS, HTTP/2 and HTTP/1.1 by ALPN) behind a proxy that
# delays every packet by half the round trip each way and each new connection by one round trip. Prints, per
# protocol and N: wall time, requests per second, the client's CPU time and the connections opened.
#   usage: packaging/bench-concurrency.sh [requests=300] [rttMs=50] [inFlight=1,4,8,16,32,64] [rounds=2]
# Needs node (18 or later), openssl and a JDK. Figures and the choice they led to: docs/api-notes.md (WA3).
set -euo pipefail
cd "$(dirname "$0")/.."
requests=${1:-300}
rtt=${2:-50}
inflight=${3:-1,4,8,16,32,64}
rounds=${4:-2}
for tool in node openssl java; do
  command -v "$tool" >/dev/null || { echo "bench-concurrency: needs $tool" >&2; exit 1; }
done
. packaging/bench/test-classpath.sh   # builds the tests; sets cp and launch_options
work=$(mktemp -d)
trap 'exec 3>&- 2>/dev/null; [ -n "${server_pid:-}" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"' EXIT
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=localhost \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" -keyout "$work/key.pem" -out "$work/cert.pem" 2>/dev/null
mkfifo "$work/stdin"
node packaging/bench/h2-server.mjs "$work/key.pem" "$work/cert.pem" "$rtt" <"$work/stdin" >"$work/server.out" 2>&1 &
server_pid=$!
exec 3>"$work/stdin"
for _ in $(seq 1 100); do grep -q '^port=' "$work/server.out" 2>/dev/null && break; sleep 0.1; done
port=$(sed -n 's/^port=//p' "$work/server.out")
[ -n "$port" ] || { echo "bench-concurrency: the server did not start" >&2; cat "$work/server.out" >&2; exit 1; }
echo "requests=$requests rtt=${rtt}ms cores=$(nproc) java=$(java -version 2>&1 | head -1 | cut -d'"' -f2) node=$(node --version)"
# The desktop launch's JVM options, as in bench-inventory.sh.
java ${JAVA_OPTS:-$launch_options} \
    -cp "$cp" dev.hoglink.bench.ConcurrencyBenchmark "https://127.0.0.1:$port" "$work/cert.pem" "$requests" "$inflight" "$rounds"
