#!/usr/bin/env bash
# The browser test drives Debian's Chromium through playwright-core (no browser download).
# Install it when missing; everything else the tests need comes from pnpm install.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
  exit 0
fi
echo "chromium not found on PATH: installing Debian's chromium (apt-get) for the browser test" >&2
SUDO=""
if [ "$(id -u)" != "0" ]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq chromium >/dev/null
command -v chromium >/dev/null
