#!/usr/bin/env bash
# The hardening suite in one command: fuzzed responses, socket faults, the faulted 2,000-project load (view
# model and real window, with the FX-thread watchdog), the journal and the open form under faults, and the
# security checks (canary key, owner-only files, plain http, cross-host redirects, the OAuth URL validator),
# and the command line against a hostile server (names that forge terminal lines or spreadsheet formulas, the
# key echoed back URL-encoded, spaced out or in another letter case).
# Prints one table of figures (also in target/hardening-figures.txt) and the suites that ran.
#   usage: packaging/hardening.sh [extra maven flags, e.g. -Dhoglink.fuzz.seed=7]
set -euo pipefail
cd "$(dirname "$0")/.."
tests='dev.hoglink.hardening.**,OAuthUrlValidatorTest,PostHogClientTransportTest,SecretLeakTest,PostHogHostTest'
log=target/hardening-run.log
mkdir -p target
rm -rf target/hardening-figures.txt target/surefire-reports
status=0
started=$(date +%s)
${MVN:-mvn} -B -o test -Dtest="$tests" -Dsurefire.failIfNoSpecifiedTests=false "$@" >"$log" 2>&1 || status=$?
if [[ -f target/hardening-figures.txt ]]; then
  cat target/hardening-figures.txt
else
  echo "no figures were written; see $log"
fi
echo
echo "Suites (tests / failures / errors):"
for f in target/surefire-reports/TEST-*.xml; do
  name=$(basename "$f" .xml); name=${name#TEST-}
  case "$name" in
    dev.hoglink.hardening.*|*OAuthUrlValidatorTest|*PostHogClientTransportTest|*SecretLeakTest|*PostHogHostTest) ;;
    *) continue ;;
  esac
  head -c 2000 "$f" | grep -o '<testsuite [^>]*>' | head -1 \
    | sed -E 's/.*tests="([0-9]+)".*errors="([0-9]+)".*failures="([0-9]+)".*/\1 \3 \2/' \
    | { read -r t fl e; printf '  %-60s %5s / %s / %s\n' "${name#dev.hoglink.}" "$t" "$fl" "$e"; }
done
echo
echo "Whole run: $(( $(date +%s) - started )) s (maven included)"
if [[ $status -ne 0 ]]; then
  echo
  echo "FAILED: see $log"
  grep -E '^\[ERROR\]' "$log" | head -20
fi
exit $status
