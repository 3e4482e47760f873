#!/usr/bin/env bash
# What the tests need from Debian's packages: Chromium for the end-to-end tests (Playwright
# cannot download browsers here), Firefox ESR for the person's walk in Tor Browser's engine
# (tests/e2e/tor-safest.spec.ts, through puppeteer-core), and nginx, tor, openssl and systemd's tools for the tests of
# the shipped proxy, onion service and service units. Installs what is missing, as root;
# otherwise says what to do.
set -euo pipefail
chromium_path="${CHROMIUM_PATH:-/usr/bin/chromium}"
missing=()
[ -x "$chromium_path" ] || missing+=(chromium)
firefox_path="${FIREFOX_PATH:-/usr/bin/firefox-esr}"
[ -x "$firefox_path" ] || missing+=(firefox-esr)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx)
command -v tor >/dev/null || [ -x /usr/sbin/tor ] || missing+=(tor)
command -v openssl >/dev/null || missing+=(openssl)
command -v systemd-analyze >/dev/null || missing+=(systemd)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing from Debian's packages: ${missing[*]}"
    apt-get update -qq
    # No service is started by the packages (there is no init here, and the tests start their own).
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing: ${missing[*]}. Install Debian's packages as root: apt-get install ${missing[*]}" >&2
    echo "(or set CHROMIUM_PATH to a Chromium binary, FIREFOX_PATH to a Firefox ESR one)." >&2
    exit 1
  fi
fi
# Debian's security updates move Chromium on; say which one the tests ran against.
"$chromium_path" --version
"$firefox_path" --version
