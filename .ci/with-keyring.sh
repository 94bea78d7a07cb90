#!/usr/bin/env bash
# Runs a command with a real, unlocked Secret Service: a private D-Bus session (dbus-run-session) with
# gnome-keyring-daemon's secrets component, its keyring files in a throwaway folder. Sets
# HOGLINK_KEYRING_TEST=required so the keyring test fails (instead of skipping) if the keyring is unusable.
#   .ci/with-keyring.sh mvn -B -o test -Dtest=KeyringCredentialStoreSecretServiceTest
set -euo pipefail
if [ "$#" -eq 0 ]; then
  echo "usage: $0 COMMAND [ARGS...]" >&2
  exit 2
fi
keyrings="$(mktemp -d)"
trap 'rm -rf "$keyrings"' EXIT
export HOGLINK_KEYRING_DIR="$keyrings"
exec dbus-run-session -- bash -c '
  set -euo pipefail
  # The daemon creates and unlocks a "login" keyring (password "ci"), which becomes the default collection.
  printf ci | XDG_DATA_HOME="$HOGLINK_KEYRING_DIR" gnome-keyring-daemon --unlock --components=secrets >/dev/null
  export HOGLINK_KEYRING_TEST=required
  "$@"
' with-keyring "$@"
