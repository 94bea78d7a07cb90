#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service: a private D-Bus session (dbus-run-session) with
# gnome-keyring-daemon's secrets component, its keyring files and control socket in a throwaway folder.
# Sets HOGLINK_KEYRING_TEST=required so the keyring test fails (instead of skipping) if the keyring is
# unusable. The daemon is stopped when the command ends; the command's exit status is returned.
#   .ci/with-keyring.sh mvn -B -o verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false -Dit.test=KeyringSecretServiceIT
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
keyrings="$(mktemp -d)"
trap 'rm -rf "$keyrings"' EXIT
export HOGLINK_KEYRING_DIR="$keyrings"
set +e
dbus-run-session -- bash -c '
  set -uo pipefail
  dir="$HOGLINK_KEYRING_DIR"
  # Creates and unlocks a "login" keyring (password "ci"), which becomes the default collection.
  # In the foreground the daemon can be stopped by pid. It is ready once it owns the Secret Service
  # name on the bus (asked without auto-starting anything; dbus-send comes with dbus-daemon).
  printf ci | XDG_DATA_HOME="$dir" XDG_RUNTIME_DIR="$dir" \
    gnome-keyring-daemon --foreground --unlock --components=secrets >"$dir/env" 2>"$dir/log" &
  daemon=$!
  ready=no
  for _ in $(seq 100); do
    if dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q "boolean true"; then
      ready=yes
      break
    fi
    kill -0 "$daemon" 2>/dev/null || break
    sleep 0.1
  done
  if [ "$ready" != yes ]; then
    echo "with-keyring: gnome-keyring-daemon did not start:" >&2
    cat "$dir/log" >&2
  fi
  export HOGLINK_KEYRING_TEST=required
  "$@"
  status=$?
  kill "$daemon" 2>/dev/null
  wait "$daemon" 2>/dev/null
  exit "$status"
' with-keyring "$@"
status=$?
exit "$status"
