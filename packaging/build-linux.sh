#!/usr/bin/env bash
# Builds the Linux artifacts from target/hoglink.jar and target/lib (run `mvn package` first, or
# `mvn -Pdist package`, which calls this script):
#   DEST/Hoglink      jpackage app-image: a trimmed runtime with JavaFX linked in, the app's jars, a launcher
#                     script and a class cache trained on the image (needs xvfb-run; without it, no cache)
#   DEST/*.deb        Debian package of that image, its cache trained at the install path /opt/hoglink
# The runtime comes from JDK 25 when one is found (then the cache is a JDK 25 AOT cache, JEP 483/514);
# otherwise from the JDK that builds (17: a dynamic AppCDS archive on a base CDS archive).
# The app is compiled for release 17 either way.
#
#   packaging/build-linux.sh [--no-deb] [--no-cache] [--jdk DIR] [--dest DIR]
#     --jdk DIR    the JDK whose jlink makes the runtime (default: JDK 25 if installed, else the build JDK)
#     --dest DIR   where the image and .deb go (default target/dist)
#   HOGLINK_JLINK_COMPRESS=strings|0|zip  lib/modules with its class files' constant strings shared (default:
#                             a third smaller on disk, as small in the .deb), stored, or zip-compressed (smallest on
#                             disk, but the .deb grows by 16 MB: xz cannot compress it again)
#   HOGLINK_TRAINING_EXIT=rows|window  the training run ends at the first rows (default) or at the window
#   HOGLINK_AOT_PROFILES=0|1  JDK 25: the cache also keeps the training run's method profiles (JEP 515; default 0:
#                             the launcher runs C1 only, which uses none of them)
# Prints the sizes at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
want_deb=1 want_cache=1 jdk="" dest=target/dist
while [ $# -gt 0 ]; do
  case "$1" in
    --no-deb) want_deb=0 ;;
    --no-cache|--no-cds) want_cache=0 ;;
    --jdk) jdk=${2:?--jdk needs a folder}; shift ;;
    --dest) dest=${2:?--dest needs a folder}; shift ;;
    *) echo "usage: $0 [--no-deb] [--no-cache] [--jdk DIR] [--dest DIR]" >&2; exit 2 ;;
  esac
  shift
done
[ -f target/hoglink.jar ] && [ -d target/lib ] || { echo "build-linux: run 'mvn package' first" >&2; exit 1; }

feature_of() { # JDK folder -> its feature release (17, 25, ...)
  sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null
}
if [ -z "$jdk" ]; then
  for d in /usr/lib/jvm/*/; do
    d=${d%/}
    [ -x "$d/bin/jlink" ] || continue
    f=$(feature_of "$d")
    [ -n "$f" ] && [ "$f" -ge 25 ] && { [ -z "$jdk" ] || [ "$f" -gt "$(feature_of "$jdk")" ]; } && jdk=$d
  done
  [ -n "$jdk" ] || jdk=$(dirname "$(dirname "$(readlink -f "$(command -v javac)")")")
fi
FEATURE=$(feature_of "$jdk")
[ -n "$FEATURE" ] && [ -x "$jdk/bin/jlink" ] || { echo "build-linux: $jdk is not a JDK" >&2; exit 1; }
JLINK="$jdk/bin/jlink" JPACKAGE="$jdk/bin/jpackage" JDEPS="$jdk/bin/jdeps"
echo "build-linux: runtime from JDK $FEATURE at $jdk"
VERSION=$(sed -n 's/^version=//p' target/maven-archiver/pom.properties 2>/dev/null | sed 's/-SNAPSHOT//')
VERSION=${VERSION:-0.1.0}
work=target/linux-build
rm -rf "$work" "$dest"
mkdir -p "$work/input/lib" "$work/fx" "$dest"

# 1. Input: the app jar and its libraries except JavaFX, which goes into the runtime (step 2), so JavaFX is
# loaded as named modules, the only configuration it supports (no "Unsupported JavaFX configuration" warning).
cp target/hoglink.jar "$work/input/"
for j in target/lib/*.jar; do
  case "$(basename "$j")" in
    javafx-*-linux.jar) cp "$j" "$work/fx/" ;;
    javafx-*) ;;                 # the empty per-platform stubs
    *) cp "$j" "$work/input/lib/" ;;
  esac
done
# JNA (the keyring library's way to libsecret) carries its native library for 25 platforms and JNA-platform
# the Windows and macOS APIs; the image runs on this machine's platform only (the .deb is built for it), so
# the rest goes: 2.6 MB less. The keyring library itself is a signed jar and stays as it is.
case "$(uname -m)" in x86_64) jna_arch=linux-x86-64 ;; aarch64) jna_arch=linux-aarch64 ;; *) jna_arch="" ;; esac
for j in "$work"/input/lib/jna-[0-9]*.jar; do
  [ -f "$j" ] && [ -n "$jna_arch" ] || continue
  unzip -Z1 "$j" | grep -E '^com/sun/jna/[^/]+/(lib)?jnidispatch\.' | grep -v "^com/sun/jna/$jna_arch/" \
    | xargs -r zip -q -d "$j" >/dev/null
done
for j in "$work"/input/lib/jna-platform-*.jar; do
  [ -f "$j" ] && zip -q -d "$j" 'com/sun/jna/platform/win32/*' 'com/sun/jna/platform/wince/*' 'com/sun/jna/platform/mac/*' >/dev/null
done
# JavaFX's native libraries go beside the runtime's own (lib/), where System.loadLibrary finds them; left in
# the modules, JavaFX would extract them under ~/.openjfx on the first start and check them on every start.
mkdir -p "$work/fx-natives"
for j in "$work"/fx/*.jar; do
  unzip -q -o -j "$j" '*.so' -d "$work/fx-natives" 2>/dev/null || true
  zip -q -d "$j" '*.so' >/dev/null 2>&1 || true
done

# 2. Trimmed runtime: the modules jdeps finds (every library on the module path, so the keyring library's
# descriptor finds JNA's), JavaFX's two, and those loaded by name at run time (java.net.http: the client;
# jdk.httpserver: the sandbox; java.logging; jdk.zipfs: ControlsFX lists its translations through a zip file
# system). Why the others are there: java.desktop (javafx.base and javafx.graphics require it; java.beans for
# Jackson, AWT images for the audit's PNG export, Desktop.browse for sign-in), java.xml (FXML, javafx.graphics),
# java.scripting (javafx.fxml requires it), jdk.unsupported (JavaFX's renderer). Left out: jdk.jfr (JavaFX uses
# it only if present), jdk.localedata, java.sql (only Jackson's java.sql types use it, and Jackson declares
# it optional: "requires static"), java.naming (JNDI and LDAP: nothing here uses it; it took java.security.sasl
# with it). If jdeps fails, the base list stands and the build says so.
BASE=java.base,java.desktop,java.logging,java.net.http,java.scripting,java.xml,jdk.httpserver,jdk.unsupported,jdk.zipfs
FOUND=$("$JDEPS" --multi-release 17 --ignore-missing-deps --print-module-deps \
  --module-path "$(ls "$work"/fx/*.jar "$work"/input/lib/*.jar | paste -sd: -)" --add-modules ALL-MODULE-PATH \
  "$work/input/hoglink.jar" 2>/dev/null | tail -1) || FOUND=""
[ -n "$FOUND" ] || echo "build-linux: jdeps could not read every jar; using the known module list" >&2
MODULES="$BASE${FOUND:+,$FOUND},javafx.controls,javafx.fxml"
# JDK 17 has TLS's elliptic curves in jdk.crypto.ec; later JDKs have them in java.base.
"$jdk/bin/java" --list-modules | grep -q '^jdk.crypto.ec@' && [ "$FEATURE" -lt 22 ] && MODULES="$MODULES,jdk.crypto.ec"
MODULES=$(echo "$MODULES" | tr ',' '\n' | grep -v '^jdk.jfr$\|^java.sql$' | grep -v '^javafx.base$\|^javafx.graphics$' | sort -u | paste -sd, -)
echo "build-linux: runtime modules: $MODULES"
# lib/modules: "strings" (jlink's constant string sharing, --compress=1) stores each class file's constant
# strings once for the whole image. Unlike zip, the result still compresses in the .deb (xz: 14 MB either way),
# and start-up reads the classes it needs from the class cache, not from lib/modules (bench-startup.sh measured
# no cost). JDK 21+ calls --compress=1 deprecated; should a later jlink refuse it, the modules are stored.
compress=${HOGLINK_JLINK_COMPRESS:-strings}
if [ "$FEATURE" -ge 21 ]; then
  case "$compress" in 0) compress=zip-0 ;; zip) compress=zip-6 ;; strings) compress=1 ;; esac
else
  case "$compress" in 0) compress=0 ;; zip) compress=2 ;; strings) compress=1 ;; esac
fi
# Native libraries of java.desktop that nothing here loads: JavaFX draws and lays out text itself, so AWT's
# font stack (fontmanager, its own freetype) is never used; nor are the splash screen, JPEG codec and sound.
# What stays of AWT (libawt, libawt_headless/xawt, mlib_image, lcms) serves the audit's PNG export
# (BufferedImage and ImageIO's PNG writer).
UNUSED_NATIVES='**/libsplashscreen.so,**/libjavajpeg.so,**/libjsound.so,**/libfontmanager.so,**/libfreetype.so,**/libjawt.so'
run_jlink() {
  rm -rf "$work/runtime"
  "$JLINK" --module-path "$work/fx" --add-modules "$MODULES" --output "$work/runtime" \
    --strip-debug --no-man-pages --no-header-files --compress="$1" --exclude-files="$UNUSED_NATIVES" 2>&1 \
    | grep -v '^Warning: The 1 argument for --compress is deprecated' || true
  [ -x "$work/runtime/bin/java" ]
}
if ! run_jlink "$compress"; then
  [ "$compress" = 1 ] || { echo "build-linux: jlink failed" >&2; exit 1; }
  echo "build-linux: this jlink refuses string sharing (--compress=1); lib/modules is stored" >&2
  [ "$FEATURE" -ge 21 ] && compress=zip-0 || compress=0
  run_jlink "$compress" || { echo "build-linux: jlink failed" >&2; exit 1; }
fi
cp "$work"/fx-natives/*.so "$work/runtime/lib/"
# Native libraries without their symbol tables (Debian's JDK ships them unstripped).
command -v strip >/dev/null && find "$work/runtime" -name '*.so' -exec strip --strip-unneeded {} +
if [ "$FEATURE" -lt 25 ] || [ "$want_cache" = 0 ]; then
  # The base CDS archive that a dynamic AppCDS archive builds on (jlink does not make one). A JDK 25 AOT
  # cache holds the JDK's classes itself, so that image needs none.
  "$work/runtime/bin/java" -Xshare:dump -Xlog:cds=off >/dev/null
fi

# 3. App-image and its JVM options. SerialGC and C1 only suit a small interactive app and start faster; one
# compiler thread leaves the second core of a small machine to the UI and render threads, and compiles a method
# after half the usual calls (CompileThresholdScaling=0.5: the FX thread interprets less of the first frame's code;
# measured in packaging/README.md, "Start-up: the JIT"); no perf-data file under /tmp. Reflection calls go through
# the JVM's native accessor instead of a method handle spun for each method on its first call (FXML sets every
# attribute and Jackson builds every DTO that way: "Start-up: the fifth pass"; JDK 17 has no such property and ignores it). JDK 25: the AOT cache, JavaFX and JNA (the keyring) may load native code, and JavaFX 21's
# renderer may use sun.misc.Unsafe's off-heap memory, all without a warning. JDK 17: the AppCDS archive,
# used when valid and silently skipped otherwise.
# The heap: small at start, bounded, and given back after a collection leaves more than 30% free (the same options
# as java -jar's child JVM and mvn javafx:run: ModulePathRelaunch.START_UP_OPTIONS, DesktopLaunchOptionsTest).
COMMON='-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:CICompilerCount=1 -XX:CompileThresholdScaling=0.5 -XX:-UsePerfData -Xms32m -Xmx512m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Djdk.reflect.useNativeAccessorOnly=true'
if [ "$FEATURE" -ge 25 ] && [ "$want_cache" = 0 ]; then
  CACHE=none   # only the JDK's own classes, from the base CDS archive made above
  JAVA_OPTS="-Xshare:auto -Xlog:cds=off $COMMON --enable-native-access=javafx.graphics,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
elif [ "$FEATURE" -ge 25 ]; then
  CACHE=hoglink.aot
  JAVA_OPTS="-XX:AOTCache=\$APPDIR/$CACHE -Xlog:aot=off -Xlog:cds=off $COMMON --enable-native-access=javafx.graphics,ALL-UNNAMED --sun-misc-unsafe-memory-access=allow"
else
  CACHE=hoglink.jsa
  JAVA_OPTS="-XX:SharedArchiveFile=\$APPDIR/$CACHE -Xshare:auto -Xlog:cds=off -Xlog:cds+dynamic=off $COMMON"
fi
"$JPACKAGE" @packaging/jpackage.opts @packaging/launcher.opts --type app-image --dest "$dest" --input "$work/input" \
  --runtime-image "$work/runtime" --icon assets/icon/hoglink.png --app-version "$VERSION" \
  --java-options "$JAVA_OPTS"
APP=$dest/Hoglink

# 3b. The launcher. jpackage's native launcher asks rpm, then dpkg, which package owns it before it starts
# the JVM, on every start (130-200 ms here, more on a desktop with thousands of packages). bin/Hoglink
# becomes a shell script that starts the image's runtime with exactly the options, class path and main class
# of lib/app/Hoglink.cfg, and starts no other process on the way (readlink only when started through a link).
# Without a D-Bus session (containers, SSH, Xvfb) GTK's dconf settings backend cannot save and warns on stderr,
# so GTK keeps its settings in memory there, and GTK's accessibility bridge is left off (see ModulePathRelaunch).
# write_launcher IMAGE [train]: "train" makes the script record the cache instead of using it.
write_launcher() {
  local image=$1 mode=${2:-use} cfg="$1/lib/app/Hoglink.cfg" out="$1/bin/Hoglink" cp="" line
  while IFS= read -r line; do cp="$cp${cp:+:}$line"; done < <(sed -n 's/^app.classpath=//p' "$cfg")
  {
    echo '#!/bin/sh'
    echo '# Starts Hoglink on the runtime of this image (made by packaging/build-linux.sh from lib/app/Hoglink.cfg).'
    echo '# The image is found from this script without a new process: readlink only when started through a link.'
    echo 'here=$0; [ ! -L "$here" ] || here=$(readlink -f "$here")'
    echo 'case $here in /*) ;; */*) here=$PWD/$here ;; *) here=$PWD/./$here ;; esac'
    echo 'APPDIR=${here%/*}/../lib/app'
    echo '[ -f "$APPDIR/hoglink.jar" ] || { echo "Hoglink: no lib/app/hoglink.jar beside $here" >&2; exit 1; }'
    echo 'if [ -z "$DBUS_SESSION_BUS_ADDRESS" ]; then'
    echo '  [ -n "$GSETTINGS_BACKEND" ] || export GSETTINGS_BACKEND=memory'
    echo '  export NO_AT_BRIDGE=${NO_AT_BRIDGE:-1}   # no session bus: no screen reader to reach (ModulePathRelaunch)'
    echo 'fi'
    echo 'export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}   # two glibc arenas: less resident memory (ModulePathRelaunch)'
    echo 'export GDK_GL=${GDK_GL:-disable}   # GTK opens no OpenGL of its own; JavaFX draws itself (ModulePathRelaunch)'
    echo 'exec "$APPDIR/../runtime/bin/java" \'
    sed -n 's/^java-options=//p' "$cfg" | while IFS= read -r line; do
      if [ "$mode" = train ]; then
        if [ "${HOGLINK_AOT_PROFILES:-0}" = 0 ]; then
          case "$line" in -XX:AOTCache=*) printf '  "%s" \\\n' -XX:+UnlockDiagnosticVMOptions -XX:-AOTRecordTraining ;; esac
        fi
        line=${line/-XX:AOTCache=/-XX:AOTCacheOutput=}
        line=${line/-XX:SharedArchiveFile=/-XX:ArchiveClassesAtExit=}
        case "$line" in -Xlog:aot=off|-Xlog:cds=off|-Xlog:cds+dynamic=off) continue ;; esac
      fi
      printf '  "%s" \\\n' "$line"
    done
    printf '  "%s" \\\n' '-Djpackage.app-path=$APPDIR/../../bin/Hoglink'
    printf '  -cp "%s" \\\n' "$cp"
    printf '  %s "$@"\n' "$(sed -n 's/^app.mainclass=//p' "$cfg")"
  } > "$out.new"
  chmod 755 "$out.new" && mv "$out.new" "$out"
}
write_launcher "$APP"
rm -f "$APP/lib/libapplauncher.so"   # the native launcher's library; bin/Hoglink is a script

# 4. Training run, through the launcher itself so the cache records exactly its class path and options: the
# launcher is switched to training mode, the real app opens on the sandbox under Xvfb and exits once its first
# project rows show, and the launcher is switched back. The sandbox is what a new install opens on (until
# the user saves a connection), so its classes belong in the cache; nothing of the tests is on the class path.
# Both JDKs tie the cache to the jars' paths, sizes and times, so an image is trained where it runs (see step
# 5 for the .deb); a cache made on the user's first start would make that start slower instead.
train() {
  local image=$1 home log
  if ! command -v xvfb-run >/dev/null; then
    echo "build-linux: xvfb-run not found; no class cache (apt-get install xvfb)" >&2
    return 0
  fi
  home=$(mktemp -d); log="$home/training.log"
  rm -f "$image/lib/app/$CACHE"
  write_launcher "$image" train
  HOGLINK_STARTUP_PROBE=$(date +%s%3N) HOGLINK_STARTUP_EXIT=${HOGLINK_TRAINING_EXIT:-rows} \
    timeout 180 xvfb-run -a -s "-screen 0 1280x800x24" env JAVA_TOOL_OPTIONS="-Dprism.order=sw -Dhoglink.home=$home" \
    "$image/bin/Hoglink" --sandbox >"$log" 2>&1 \
    || echo "build-linux: training run failed; $image runs without a class cache" >&2
  write_launcher "$image"
  grep -h '^startup\.rows_ms\|^AOTCache creation' "$log" || tail -5 "$log" >&2
  rm -rf "$home"
  [ -f "$image/lib/app/$CACHE" ] && echo "build-linux: class cache $(du -h "$image/lib/app/$CACHE" | cut -f1) for $image"
  return 0
}
[ "$want_cache" = 1 ] && train "$PWD/$APP"

# 5. Debian package of the same image. jpackage's package registers its menu entry with xdg-desktop-menu in
# postinst, which fails (exit 3, package half-configured) where no menu folders exist: containers, WSL,
# servers. Instead the package ships the entry in /usr/share/applications, which every desktop reads and
# which does no harm without one, and has no maintainer scripts. jpackage also gives the packaged files new
# times, and both JDKs refuse a cache whose jars' times differ from training, so the cache is trained on the
# package's own files: they are unpacked (times kept, as dpkg installs them) at the install path
# /opt/hoglink, the app is trained there, and the package is rebuilt with the cache. That needs /opt/hoglink
# free on the build machine (Hoglink not installed); otherwise the package ships without a cache.
if [ "$want_deb" = 1 ]; then
  rm -rf "$work/deb-stage" && mkdir -p "$work/deb-stage" && cp -a "$APP" "$work/deb-stage/Hoglink"
  rm -f "$work/deb-stage/Hoglink/lib/app/$CACHE"
  # Stored uncompressed here: the package is unpacked and rebuilt (compressed) below.
  DPKG_DEB_COMPRESSOR_TYPE=none "$JPACKAGE" @packaging/jpackage.opts @packaging/linux/deb.opts --app-image "$work/deb-stage/Hoglink" \
    --app-version "$VERSION" --dest "$work/deb-out"
  built=$(ls "$work"/deb-out/*.deb)
  DEB=$dest/$(basename "$built")
  root=$work/deb-root
  rm -rf "$root" && dpkg-deb -R "$built" "$root"
  rm -f "$root"/DEBIAN/postinst "$root"/DEBIAN/prerm "$root"/DEBIAN/postrm "$root"/DEBIAN/preinst
  desktop=$(ls "$root"/opt/hoglink/lib/*.desktop 2>/dev/null | head -1 || true)
  if [ -n "$desktop" ]; then
    mkdir -p "$root/usr/share/applications"
    mv "$desktop" "$root/usr/share/applications/hoglink.desktop"
  fi
  if [ "$want_cache" = 1 ] && command -v xvfb-run >/dev/null && [ ! -e /opt/hoglink ] && mkdir -p /opt/hoglink 2>/dev/null; then
    cp -a "$root"/opt/hoglink/. /opt/hoglink/
    train /opt/hoglink
    [ -f /opt/hoglink/lib/app/$CACHE ] && cp -p /opt/hoglink/lib/app/$CACHE "$root/opt/hoglink/lib/app/"
    rm -rf /opt/hoglink
  elif [ "$want_cache" = 1 ]; then
    echo "build-linux: /opt/hoglink is in use (or no xvfb-run); the .deb ships without a class cache" >&2
  fi
  (cd "$root" && find . -type f ! -path './DEBIAN/*' -printf '%P\0' | sort -z | xargs -0 md5sum > DEBIAN/md5sums)
  size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
  sed -i "s/^Installed-Size: .*/Installed-Size: $size/" "$root/DEBIAN/control"
  dpkg-deb --root-owner-group -Zxz -b "$root" "$DEB" >/dev/null
  rm -rf "$root" "$work/deb-stage" "$work/deb-out"
fi
rm -rf "$work"
mb() { du -smc "$@" 2>/dev/null | tail -1 | cut -f1; }
echo "build-linux: app-image $(mb "$APP") MB at $APP (runtime JDK $FEATURE $(mb "$APP/lib/runtime") MB: lib/modules" \
  "$(mb "$APP/lib/runtime/lib/modules") MB (--compress=$compress), libjvm $(mb "$APP"/lib/runtime/lib/server/libjvm.so) MB;" \
  "class cache $(mb "$APP/lib/app/$CACHE") MB; app jars $(mb "$APP/lib/app/hoglink.jar" "$APP/lib/app/lib") MB)"
ls "$dest"/*.deb >/dev/null 2>&1 && echo "build-linux: deb $(mb "$dest"/*.deb) MB at $(ls "$dest"/*.deb)"
exit 0
