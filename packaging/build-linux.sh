#!/usr/bin/env bash
# Builds the Linux artifacts from target/hoglink.jar and target/lib (run `mvn package` first, or
# `mvn -Pdist package`, which calls this script):
#   target/runtime            trimmed Java runtime (jlink: only the modules needed, no debug info,
#                             man pages or headers) with its base CDS archive
#   target/dist/Hoglink       jpackage app-image whose launcher uses an AppCDS archive made by a
#                             training run (needs xvfb-run; skipped with a warning without it)
#   target/dist/*.deb         Debian package of that image (declares its GTK dependency)
# Options: --no-deb, --no-cds. Prints the sizes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
want_deb=1 want_cds=1
for a in "$@"; do
  case "$a" in
    --no-deb) want_deb=0 ;;
    --no-cds) want_cds=0 ;;
    *) echo "usage: $0 [--no-deb] [--no-cds]" >&2; exit 2 ;;
  esac
done
[ -f target/hoglink.jar ] && [ -d target/lib ] || { echo "build-linux: run 'mvn package' first" >&2; exit 1; }
JAVA_BIN=$(dirname "$(readlink -f "$(command -v javac)")")
JLINK="$JAVA_BIN/jlink" JPACKAGE="$JAVA_BIN/jpackage" JDEPS="$JAVA_BIN/jdeps"
VERSION=$(sed -n 's/^version=//p' target/maven-archiver/pom.properties 2>/dev/null | sed 's/-SNAPSHOT//')
VERSION=${VERSION:-0.1.0}

# 1. Input: the app jar and its libraries, keeping lib/ so the manifest Class-Path resolves.
rm -rf target/jpackage-input target/runtime target/dist
mkdir -p target/jpackage-input/lib target/dist
cp target/hoglink.jar target/jpackage-input/
cp target/lib/*.jar target/jpackage-input/lib/
# JavaFX looks for its native libraries beside its jars first. Shipped there, they load directly;
# left in the jars, every start checksums each one against a copy it extracts under ~/.openjfx.
for j in target/jpackage-input/lib/javafx-*-linux.jar; do
  (cd target/jpackage-input/lib && unzip -q -o -j "$(basename "$j")" '*.so' 2>/dev/null) || true
  command -v zip >/dev/null && zip -q -d "$j" '*.so' >/dev/null 2>&1 || true
done

# 2. Trimmed runtime. jdeps finds the static needs; the rest are loaded by name at run time:
# java.net.http (client), jdk.httpserver (sandbox), jdk.crypto.ec (TLS to PostHog Cloud),
# java.logging, java.management (start-up probe), jdk.zipfs, java.naming, jdk.localedata is left out.
# The base list is what jdeps found for this app; jdeps cannot read every library's module descriptor
# (the keyring library names JNA's), so a failed run keeps the base list and says so.
BASE=java.base,java.desktop,java.management,java.scripting,java.sql,jdk.jfr,jdk.unsupported
FOUND=$("$JDEPS" --multi-release 17 --ignore-missing-deps --print-module-deps \
  --class-path 'target/lib/*' target/hoglink.jar target/lib/*.jar 2>/dev/null | tail -1) || FOUND=""
[ -n "$FOUND" ] || echo "build-linux: jdeps could not read every jar; using the known module list" >&2
MODULES="$BASE${FOUND:+,$FOUND},java.net.http,jdk.httpserver,jdk.crypto.ec,java.logging,java.naming,jdk.zipfs"
MODULES=$(echo "$MODULES" | tr ',' '\n' | sort -u | paste -sd, -)
echo "build-linux: runtime modules: $MODULES"
"$JLINK" --add-modules "$MODULES" --output target/runtime \
  --strip-debug --no-man-pages --no-header-files --compress=2
# Debian's JDK ships unstripped native libraries; their symbols are dead weight in an app runtime.
command -v strip >/dev/null && find target/runtime -name '*.so' -exec strip --strip-unneeded {} +
# The base CDS archive that a dynamic AppCDS archive builds on (jlink does not make one).
target/runtime/bin/java -Xshare:dump -Xlog:cds=off >/dev/null

# 3. App-image. The launcher uses the AppCDS archive if it is there and valid, and runs silently
# without it otherwise (-Xshare:auto). SerialGC and C1 suit a small interactive app and start faster;
# one compiler thread leaves the second core of a small machine to the UI and render threads (measured
# with packaging/bench-startup.sh: about 70 ms sooner to rows on 2 cores), and no perf-data file is
# written under /tmp.
JAVA_OPTS='-XX:SharedArchiveFile=$APPDIR/hoglink.jsa -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:-UsePerfData'
"$JPACKAGE" @packaging/jpackage.opts @packaging/launcher.opts --type app-image --dest target/dist --input target/jpackage-input \
  --runtime-image target/runtime --icon assets/icon/hoglink.png --app-version "$VERSION" \
  --java-options "$JAVA_OPTS"
APP=target/dist/Hoglink

# 3b. The launcher. JDK 17's jpackage launcher asks rpm, then dpkg, which package owns it before it
# starts the JVM, on every start: 130-200 ms here, more on a desktop with thousands of packages (and
# a .deb install adds `dpkg -L`). bin/Hoglink becomes a shell script that starts the image's own
# runtime with exactly the options, class path and main class of lib/app/Hoglink.cfg.
# write_launcher IMAGE [dump]: "dump" makes the script record the AppCDS archive instead of using it.
write_launcher() {
  local image=$1 mode=${2:-use} cfg="$1/lib/app/Hoglink.cfg" out="$1/bin/Hoglink" cp="" line
  while IFS= read -r line; do cp="$cp${cp:+:}$line"; done < <(sed -n 's/^app.classpath=//p' "$cfg")
  {
    echo '#!/bin/sh'
    echo '# Starts Hoglink on the runtime of this image (made by packaging/build-linux.sh from lib/app/Hoglink.cfg).'
    echo 'APPDIR=$(cd "$(dirname "$(readlink -f "$0")")/../lib/app" && pwd) || exit 1'
    echo 'exec "$APPDIR/../runtime/bin/java" \'
    sed -n 's/^java-options=//p' "$cfg" | while IFS= read -r line; do
      [ "$mode" = dump ] && line=${line/-XX:SharedArchiveFile=/-XX:ArchiveClassesAtExit=}
      printf '  "%s" \\\n' "$line"
    done
    printf '  "%s" \\\n' '-Djpackage.app-path=$APPDIR/../../bin/Hoglink'
    printf '  -cp "%s" \\\n' "$cp"
    printf '  %s "$@"\n' "$(sed -n 's/^app.mainclass=//p' "$cfg")"
  } > "$out.new"
  chmod 755 "$out.new" && mv "$out.new" "$out"
}
write_launcher "$APP"

# 4. AppCDS training run, through the launcher itself so the archive records exactly its class path:
# the launcher is switched to dump mode, the real app opens on the sandbox under Xvfb and exits once
# rows show, and the launcher is switched back. JDK 17 ties the archive to absolute paths, so an
# image is trained where it will run (see step 5 for the .deb).
train() {
  local image=$1 home log
  if ! command -v xvfb-run >/dev/null; then
    echo "build-linux: xvfb-run not found; no AppCDS archive (apt-get install xvfb)" >&2
    return 0
  fi
  home=$(mktemp -d); log="$home/training.log"
  write_launcher "$image" dump
  HOGLINK_STARTUP_PROBE=$(date +%s%3N) HOGLINK_STARTUP_EXIT=${HOGLINK_TRAINING_EXIT:-rows} \
    timeout 120 xvfb-run -a -s "-screen 0 1280x800x24" env JAVA_TOOL_OPTIONS="-Dprism.order=sw -Dhoglink.home=$home" \
    "$image/bin/Hoglink" --sandbox >"$log" 2>&1 \
    || echo "build-linux: training run failed; $image runs without AppCDS" >&2
  write_launcher "$image"
  grep -h '^startup\.' "$log" || tail -5 "$log" >&2
  rm -rf "$home"
  [ -f "$image/lib/app/hoglink.jsa" ] && echo "build-linux: AppCDS archive $(du -h "$image/lib/app/hoglink.jsa" | cut -f1) for $image"
  return 0
}
[ "$want_cds" = 1 ] && train "$PWD/$APP"

# 5. Debian package of the same image, then its AppCDS archive.
# jpackage copies the image into the package with new file times, and JDK 17 refuses an archive whose
# jars' times differ from those it was trained with. So the archive is trained on the package's own
# files: they are unpacked (times kept, as dpkg installs them) at the install path /opt/hoglink, the app
# is trained there, and the package is rebuilt with the archive added. That needs /opt/hoglink free on
# the build machine (Hoglink not installed); otherwise the package ships without an archive.
if [ "$want_deb" = 1 ]; then
  rm -rf target/deb-stage && mkdir -p target/deb-stage && cp -a "$APP" target/deb-stage/Hoglink
  rm -f target/deb-stage/Hoglink/lib/app/hoglink.jsa
  rm -f target/dist/*.deb
  "$JPACKAGE" @packaging/jpackage.opts @packaging/linux/deb.opts --app-image target/deb-stage/Hoglink \
    --app-version "$VERSION" --dest target/dist
  rm -rf target/deb-stage
  DEB=$(ls target/dist/*.deb)
  if [ "$want_cds" = 1 ] && command -v dpkg-deb >/dev/null && [ ! -e /opt/hoglink ] && mkdir -p /opt/hoglink 2>/dev/null; then
    rm -rf target/deb-root && dpkg-deb -R "$DEB" target/deb-root
    cp -a target/deb-root/opt/hoglink/. /opt/hoglink/
    train /opt/hoglink
    if [ -f /opt/hoglink/lib/app/hoglink.jsa ]; then
      cp -p /opt/hoglink/lib/app/hoglink.jsa target/deb-root/opt/hoglink/lib/app/
      (cd target/deb-root && md5sum opt/hoglink/lib/app/hoglink.jsa >> DEBIAN/md5sums) 2>/dev/null || true
      size=$(du -sk --exclude=DEBIAN target/deb-root | cut -f1)
      sed -i "s/^Installed-Size: .*/Installed-Size: $size/" target/deb-root/DEBIAN/control
      dpkg-deb --root-owner-group -Zxz -b target/deb-root "$DEB" >/dev/null
    fi
    rm -rf /opt/hoglink target/deb-root
  else
    echo "build-linux: /opt/hoglink is in use (or no dpkg-deb); the .deb ships without an AppCDS archive" >&2
  fi
fi
echo "build-linux: app-image $(du -sh "$APP" | cut -f1) at $APP"
ls target/dist/*.deb >/dev/null 2>&1 && echo "build-linux: deb $(du -h target/dist/*.deb | cut -f1) at $(ls target/dist/*.deb)"
exit 0
