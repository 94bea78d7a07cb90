#!/usr/bin/env bash
# Packaging smoke test: builds the Linux app-image and .deb (JDK 25 runtime and AOT cache when a JDK 25 is
# installed, else JDK 17 and AppCDS), then
#   1. starts the app-image once under Xvfb on the sandbox (it exits by itself when its first project rows
#      are on screen),
#   2. installs the .deb with apt-get as a user would, starts the installed app the same way, and removes
#      the package again (it must leave /opt/hoglink and its menu entry gone),
#   3. starts `java -jar target/hoglink.jar` the same way,
# and fails if a start does not reach its rows within 90 s or prints anything on stderr (such as JavaFX's
# "Unsupported JavaFX configuration" or a GTK/dconf warning). Installs Xvfb/GTK/zip if missing.
set -euo pipefail
cd "$(dirname "$0")/.."
need=()
command -v xvfb-run >/dev/null || need+=(xvfb xauth)
ldconfig -p | grep -q libgtk-3.so.0 || need+=(libgtk-3-0)
command -v strip >/dev/null || need+=(binutils)
command -v zip >/dev/null || need+=(zip)
command -v unzip >/dev/null || need+=(unzip)
command -v fakeroot >/dev/null || need+=(fakeroot)
export DEBIAN_FRONTEND=noninteractive
if [ ${#need[@]} -gt 0 ]; then
  apt-get update -qq >/dev/null && apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
if [ -e /opt/hoglink ]; then
  echo "packaging smoke test: /opt/hoglink exists (Hoglink installed?); remove it first" >&2
  exit 1
fi
mvn -B -ntp -q package -DskipTests
bash packaging/build-linux.sh
deb=$(ls target/dist/*.deb)
home=$(mktemp -d)
trap 'rm -rf "$home"; dpkg -s hoglink >/dev/null 2>&1 && apt-get remove -y -qq hoglink >/dev/null 2>&1 || true' EXIT

# start LABEL CMD...: one start on the sandbox until its first rows, with a throw-away home (XDG folders) and
# no extra JVM options, as a user starts it; fails on a missing mark or on any other line on stderr.
start() {
  local label=$1 h; shift
  h=$(mktemp -d -p "$home")
  HOGLINK_STARTUP_PROBE=$(date +%s%3N) HOGLINK_STARTUP_EXIT=rows \
    XDG_CONFIG_HOME="$h/config" XDG_DATA_HOME="$h/data" XDG_CACHE_HOME="$h/cache" \
    timeout 90 xvfb-run -a -s "-screen 0 1280x800x24" "$@" --sandbox >"$h/out" 2>"$h/err" || true
  if ! grep -q '^startup.rows_ms=' "$h/err"; then
    echo "packaging smoke test FAILED: $label did not reach its first rows" >&2
    tail -20 "$h/err" "$h/out" >&2
    exit 1
  fi
  if grep -v '^startup\.' "$h/err" | grep -q .; then
    echo "packaging smoke test FAILED: $label printed on stderr:" >&2
    grep -v '^startup\.' "$h/err" >&2
    exit 1
  fi
  echo "packaging smoke test: $label showed the sandbox's projects ($(grep -h '^startup\.rows_ms=' "$h/err")), stderr clean"
}

start "the app-image" target/dist/Hoglink/bin/Hoglink

# The package's dependencies (GTK, libsecret, ...) come from the distribution; refresh its lists if they are stale.
apt-get install -y -qq "./$deb" >"$home/apt.log" 2>&1 \
  || { apt-get update -qq >/dev/null 2>&1; apt-get install -y -qq "./$deb" >"$home/apt.log" 2>&1; } || { cat "$home/apt.log" >&2; echo "packaging smoke test FAILED: apt-get install $deb" >&2; exit 1; }
echo "packaging smoke test: installed $(basename "$deb") with apt-get"
start "the installed .deb" /opt/hoglink/bin/Hoglink
apt-get remove -y -qq hoglink >"$home/apt.log" 2>&1 || { cat "$home/apt.log" >&2; echo "packaging smoke test FAILED: apt-get remove hoglink" >&2; exit 1; }
if [ -e /opt/hoglink ] || [ -e /usr/share/applications/hoglink.desktop ]; then
  echo "packaging smoke test FAILED: files left after removing the package" >&2
  exit 1
fi
echo "packaging smoke test: removed the package cleanly"

start "java -jar" java -jar target/hoglink.jar
