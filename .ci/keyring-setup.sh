#!/usr/bin/env bash
# Installs what the real-keyring test needs (a Secret Service on a private session bus) when it is missing:
# gnome-keyring (the daemon), libsecret-1-0 (loaded by the keyring library), libsecret-tools (secret-tool,
# used by the test to look at the keyring independently) and dbus-run-session (dbus-daemon, dbus-x11).
# Exits 0 when everything is present; exits non-zero only if an install was needed and failed.
set -euo pipefail

have_libsecret() {
  local f
  for f in /usr/lib/*/libsecret-1.so.0 /usr/lib64/libsecret-1.so.0 /usr/lib/libsecret-1.so.0; do
    [ -e "$f" ] && return 0
  done
  return 1
}

have_all() {
  command -v gnome-keyring-daemon >/dev/null 2>&1 &&
    command -v dbus-run-session >/dev/null 2>&1 &&
    command -v dbus-send >/dev/null 2>&1 &&
    command -v secret-tool >/dev/null 2>&1 &&
    have_libsecret
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
# dbus-run-session comes from dbus-daemon (Debian 12 and later) or dbus (older releases).
packages="gnome-keyring libsecret-1-0 libsecret-tools dbus-x11"
if apt-cache show dbus-daemon >/dev/null 2>&1; then packages="$packages dbus-daemon"; else packages="$packages dbus"; fi
# shellcheck disable=SC2086
$SUDO apt-get install -y -qq --no-install-recommends $packages >/dev/null
if ! have_all; then
  echo "keyring-setup: installed packages, but gnome-keyring, secret-tool or libsecret is still missing" >&2
  exit 1
fi
echo "keyring-setup: installed gnome-keyring, libsecret and dbus"
