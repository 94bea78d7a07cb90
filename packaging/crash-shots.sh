#!/usr/bin/env bash
# A link whose run was killed between the journal's line written before sending and the line with its outcome, as an
# admin meets it afterwards: a standalone sandbox answering slowly (--latency-ms, --control), `hoglink link --apply`
# of a one-project plan with a throw-away home killed with SIGKILL once the journal holds its `sending` line and
# PostHog has the request, the sandbox's integrations list checked for the link it made anyway, then, with the same
# home's journal, `hoglink audit --history` and the real window under Xvfb (its audit's Problems and History tabs,
# driven from the keyboard with xdotool, captured with ImageMagick's `import`) in light and dark at 1024x700 and
# 1600x1000. Never your settings or keyring.
#
#   packaging/crash-shots.sh [OUTPUT_DIR]        # default target/screenshots/crash
#   HOGLINK_JAR=old/hoglink.jar packaging/crash-shots.sh DIR   # the same walk with another build of the app
#   SHOTS_DISPLAY=91 packaging/crash-shots.sh     # the first X display number to try (default 91)
#   CRASH_SIZES=1024x700 packaging/crash-shots.sh # only these sizes (default 1024x700 1600x1000)
#
# Writes journal.jsonl (the two lines the killed run left: `sending`, no outcome), integrations.json (the project's
# GitHub links in the sandbox afterwards: the link was made), audit-history.csv and audit-history.json (the CLI's
# history of the same home, its stderr in audit-history.err), and per theme and size: <theme>-<size>-1-problems.png
# (the audit's Problems tab: no problem for the link, since the window's read after the kill finds it made) and -2-history.png (its History tab,
# the journal's line read as unknown). Exit 1 when the kill did not land between the two lines or no link was made.
# Needs: Xvfb (xvfb, xauth), xdotool, imagemagick, libgtk-3-0, curl, jq, Maven.
set -euo pipefail
cd "$(dirname "$0")/.."
. packaging/shots-common.sh
shots_setup "${1:-target/screenshots/crash}"
need_tools crash-shots.sh xvfb-run xdotool import curl jq
installation=10000001   # acme, in Acme Analytics
project=108             # an Acme project without it

shoot() {  # runs inside xvfb-run, so DISPLAY is set; url, owner and the crashed journal come from the outer run
  theme="$1" size="$2"
  tmp="$(mktemp -d)"
  trap 'kill "${app:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
  shot_keys
  url="$CRASH_URL" owner="$CRASH_OWNER"
  mkdir -p "$tmp/owner/data"
  cp "$CRASH_JOURNAL" "$tmp/owner/data/journal.jsonl"   # the killed run's home: its journal
  sign_in_owner

  key ctrl+shift+a                                # the audit, on its Overview, the focus on the tabs
  audit=$(timeout 60 xdotool search --sync --name '^Audit' | tail -1)
  fill "$audit"
  sleep 5
  key Right                                       # Problems: the link is none of them (read after the kill)
  snap 1-problems 2
  key Right; key Right                            # History: the journal's line, read as unknown
  snap 2-history 2
  kill "$app" 2>/dev/null || true; wait "$app" 2>/dev/null || true
}
if [ "${CRASH_SHOT:-}" ]; then   # the run inside Xvfb: CRASH_SHOT="theme size"
  shoot ${CRASH_SHOT}
  exit 0
fi

# The crash, once: every request answered 4 s late, so the run can be killed after PostHog has its link and before
# the answer (and the journal's outcome line) comes back.
tmp="$(mktemp -d)"
trap 'echo stop >&3 2>/dev/null || true; kill "${sandbox:-}" "${run:-}" 2>/dev/null || true; rm -rf "$tmp"' EXIT
start_controlled_sandbox crash-shots.sh key.owner --latency-ms 4000
home="$tmp/crashed"
journal="$home/data/journal.jsonl"
export HOGLINK_API_KEY="$owner"
hog() { java -Dhoglink.home="$home" -jar "$app_jar" "$@"; }
auth="Authorization: Bearer $owner"
org=$(curl -sS -H "$auth" "$url/api/organizations/" | jq -r '.results[]|select(.name=="Acme Analytics")|.id')
hog link --plan --host "$url" --installation "$installation" --org "$org" --projects "ids:$project" \
    --out "$tmp/plan.csv" 2>"$tmp/plan.err"
# java itself in the background, not hog's subshell: the kill must reach the process that writes the journal
java -Dhoglink.home="$home" -jar "$app_jar" link --apply "$tmp/plan.csv" --host "$url" --out "$tmp/result.csv" \
    >"$tmp/apply.out" 2>"$tmp/apply.err" &
run=$!
for _ in $(seq 1 400); do grep -q '"outcome":"sending"' "$journal" 2>/dev/null && break; sleep 0.05; done
grep -q '"outcome":"sending"' "$journal" 2>/dev/null \
  || { echo "crash-shots.sh: the run wrote no line before sending" >&2; cat "$tmp/apply.err" >&2; exit 1; }
sleep 1                                             # the request is out; its answer is 3 s away
kill -9 "$run"; wait "$run" 2>/dev/null || true; run=
attempt=$(jq -r 'select(.outcome=="sending")|.attempt' "$journal")
if [ "$(jq -r --arg a "$attempt" 'select(.attempt==$a)|.outcome' "$journal" | sort -u)" != "sending" ]; then
  echo "crash-shots.sh: the outcome's line was written before the kill: the latency is too short" >&2; exit 1
fi
echo "latency 0" >&3                                # the window's reads at full speed
linked=
for _ in $(seq 1 40); do
  curl -sS -H "$auth" "$url/api/projects/$project/integrations/?kind=github" >"$out/integrations.json"
  linked=$(jq -r --arg i "$installation" '.results[]|select(.config.installation_id==$i)|.id' "$out/integrations.json")
  [ -n "$linked" ] && break; sleep 0.5
done
[ -n "$linked" ] || { echo "crash-shots.sh: the sandbox made no link for project $project" >&2; exit 1; }
sleep 5                                             # long past the answer: still no outcome's line
if [ "$(jq -r --arg a "$attempt" 'select(.attempt==$a)|.outcome' "$journal" | sort -u)" != "sending" ]; then
  echo "crash-shots.sh: the killed run wrote its outcome's line after all" >&2; exit 1
fi
cp "$journal" "$out/journal.jsonl"
echo "project $project: linked by the killed run (integration $linked); the journal has its line before sending only"
hog audit --host "$url" --org "$org" --history --out "$out/audit-history.csv" 2>"$out/audit-history.err"
hog audit --host "$url" --org "$org" --history --format json --out "$out/audit-history.json" 2>>"$out/audit-history.err"

for theme in light dark; do
  for size in ${CRASH_SIZES:-1024x700 1600x1000}; do
    env -u HOGLINK_API_KEY CRASH_SHOT="$theme $size" HOGLINK_JAR="$app_jar" CRASH_URL="$url" CRASH_OWNER="$owner" CRASH_JOURNAL="$journal" \
      xvfb-run -a -n "${SHOTS_DISPLAY:-91}" -s "-screen 0 ${size}x24" "$0" "$out"
  done
done
ls -1 "$out"/*.png
