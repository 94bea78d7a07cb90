#!/usr/bin/env bash
# A bulk link plan for 30 projects with mixed outcomes, made and applied with 'hoglink link' against a
# standalone sandbox, several roles each planning its share. Prints one Markdown table: each project's
# predicted outcome next to what applying the plan did. Rows predicted not to link are sent anyway
# (their apply flag set in the saved plan, as an admin may do), so PostHog's real answer shows beside the
# prediction. Needs a built tree (mvn -q compile and target/cp.txt, see README) and jq.
set -euo pipefail
cd "$(dirname "$0")/.."
CP="target/classes:$(cat target/cp.txt)"
WORK=$(mktemp -d)
PORT=${PORT:-8977}
run() { java -Dhoglink.home="$WORK/home" -cp "$CP" dev.hoglink.Launcher "$@"; }
java -Dhoglink.home="$WORK/home" -cp "$CP" dev.hoglink.Launcher sandbox --port "$PORT" >"$WORK/sandbox.out" 2>/dev/null &
SANDBOX=$! # the java process itself, so the trap stops it
trap 'kill $SANDBOX 2>/dev/null || true' EXIT
for _ in $(seq 50); do grep -q '^key.org_scoped=' "$WORK/sandbox.out" 2>/dev/null && break; sleep 0.2; done
URL=$(grep '^url=' "$WORK/sandbox.out" | cut -d= -f2)
key() { grep "^key.$1=" "$WORK/sandbox.out" | cut -d= -f2; }
ACME=acme-analytics
GLOBEX=globex-labs
# role org installation projects force(yes|no)
PLANS=(
  "member       $ACME   10000001 ids:101-110 no"
  "member_stale_github $ACME 10000001 ids:111-115 yes"
  "member_unlinked $ACME 10000001 ids:116-119 yes"
  "member       $ACME   10000006 ids:120-122 yes"
  "readonly     $ACME   10000001 ids:123     yes"
  "admin        $ACME   10000003 ids:106-108 yes"
  "owner        $GLOBEX 10000008 ids:201-204 no"
)
echo "| # | Project (id) | Key (role) | Installation | Predicted | Applied | PostHog / Hoglink said |"
echo "|---|---|---|---|---|---|---|"
n=0
for p in "${PLANS[@]}"; do
  read -r role org inst projects force <<<"$p"
  export HOGLINK_API_KEY; HOGLINK_API_KEY=$(key "$role")
  run link --plan --host "$URL" --org "$org" --installation "$inst" --projects "$projects" --format json \
      --out "$WORK/plan-$role-$inst.json" 2>>"$WORK/stderr.txt"
  plan="$WORK/plan-$role-$inst.json"
  if [ "$force" = yes ]; then
    jq '.projects |= map(if .predicted == "already_linked" then . else .apply = true end)' "$plan" >"$plan.forced"
    plan="$plan.forced"
  fi
  set +e
  run link --apply "$plan" --host "$URL" --format json --out "$WORK/result-$role-$inst.json" 2>>"$WORK/stderr.txt"
  echo "exit $? ($role, $inst)" >>"$WORK/stderr.txt"
  set -e
  while IFS=$'\t' read -r id name predicted result detail; do
    n=$((n + 1))
    echo "| $n | $name ($id) | $role | $inst | $predicted | $result | ${detail//|//} |"
  done < <(jq -r '.projects[] | [.project_id, .project, .predicted, .result, (.detail | .[0:110])] | @tsv' \
      "$WORK/result-$role-$inst.json")
done
echo
echo "Command output:"
sed 's/^/    /' "$WORK/stderr.txt"
