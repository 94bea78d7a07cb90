#!/usr/bin/env bash
# Packaging smoke test: builds the Linux app-image (trimmed runtime + AppCDS, no .deb) and starts it once
# under Xvfb on the sandbox; the app exits by itself when its first project rows are on screen. Fails if
# the image is not built or the start does not reach the rows within 90 s. Installs Xvfb/GTK if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
ldconfig -p | grep -q libgtk-3.so.0 || need+=(libgtk-3-0)
command -v strip >/dev/null || need+=(binutils)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
mvn -B -ntp -q package -DskipTests
bash packaging/build-linux.sh --no-deb
home=$(mktemp -d)
trap 'rm -rf "$home"' EXIT
log="$home/smoke.log"
if HOGLINK_STARTUP_PROBE=$(date +%s%3N) HOGLINK_STARTUP_EXIT=rows timeout 90 \
   xvfb-run -a -s "-screen 0 1280x800x24" env JAVA_TOOL_OPTIONS="-Dprism.order=sw -Dhoglink.home=$home" \
   target/dist/Hoglink/bin/Hoglink --sandbox >"$log" 2>&1 && grep -q '^startup.rows_ms=' "$log"; then
  echo "packaging smoke test: the app-image showed the sandbox's projects ($(grep -h '^startup\.rows_ms=' "$log"))"
else
  echo "packaging smoke test FAILED: the app-image did not reach its first rows" >&2
  tail -20 "$log" >&2
  exit 1
fi
