#!/usr/bin/env bash
# Installs what the real-keyring test needs (a Secret Service on a private session bus) when it is missing:
# gnome-keyring (the daemon), libsecret-1-0 (loaded by the keyring library), libsecret-tools (secret-tool,
# used by the test to look at the keyring independently) and dbus-x11 (dbus-run-session's companions).
# Exits 0 when everything is present; exits non-zero only if an install was needed and failed.
set -euo pipefail

have_all() {
  command -v gnome-keyring-daemon >/dev/null 2>&1 &&
    command -v dbus-run-session >/dev/null 2>&1 &&
    command -v secret-tool >/dev/null 2>&1 &&
    { ldconfig -p 2>/dev/null | grep -q 'libsecret-1\.so\.0'; }
}

if have_all; then
  echo "keyring-setup: gnome-keyring, libsecret and dbus are present"
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "keyring-setup: apt-get not found; install gnome-keyring, libsecret-1-0, libsecret-tools and dbus-x11 by hand" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends gnome-keyring libsecret-1-0 libsecret-tools dbus-x11 >/dev/null
have_all
echo "keyring-setup: installed gnome-keyring, libsecret and dbus"
