#!/usr/bin/env bash
# The end-to-end tests need Debian's Chromium (Playwright cannot download its own browsers on
# these machines). Installs it when missing, as root; otherwise says what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
if [ ! -x "$chromium_path" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Chromium from Debian's packages..."
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "Chromium is missing at $chromium_path. Install Debian's package as root: apt-get install chromium" >&2
    echo "(or set CHROMIUM_PATH to a Chromium binary)." >&2
    exit 1
  fi
fi
# Debian's security updates move Chromium on; say which one the tests ran against.
"$chromium_path" --version
