# Sourced, from the project folder, by the benchmark and screenshot scripts that run code from the tests:
# compiles the tests (not when BENCH_SKIP_BUILD is set), writes the test scope's class path to
# target/bench-classpath.txt and sets cp to the test classes, the classes and that class path. Also sets
# launch_options to the desktop launch's JVM options as the packaged launcher has them (build-linux.sh's COMMON,
# the same list as ModulePathRelaunch.START_UP_OPTIONS; DesktopLaunchOptionsTest).
if [ -z "${BENCH_SKIP_BUILD:-}" ]; then
  ${MVN:-mvn} -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile=target/bench-classpath.txt >/dev/null
fi
cp="target/test-classes:target/classes:$(cat target/bench-classpath.txt)"
launch_options=$(sed -n "s/^COMMON='\(.*\)'$/\1/p" packaging/build-linux.sh)
[ -n "$launch_options" ] || { echo "test-classpath.sh: no COMMON= options in packaging/build-linux.sh" >&2; exit 1; }
