#!/usr/bin/env bash
# Installs the Debian packages the test suite and benchmarks use as real peers:
# MariaDB (production store), Chromium (browser tests), slixmpp (independent
# XMPP client; aiohttp for its XEP-0363 uploads), Prosody and ejabberd (benchmark peers). Services are never
# started by the packages: the test tooling starts its own instances on
# loopback and free ports.
set -euo pipefail
packages=(build-essential python3 mariadb-server chromium python3-slixmpp python3-aiohttp prosody ejabberd openssl)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  # Keep packaged daemons from starting on their default ports (Debian's
  # policy-rc.d convention); restore whatever policy was there before.
  policy=/usr/sbin/policy-rc.d
  backup=""
  [ -e "$policy" ] && backup=$(mktemp) && cp "$policy" "$backup"
  printf '#!/bin/sh\nexit 101\n' > "$policy" && chmod +x "$policy"
  trap 'if [ -n "$backup" ]; then mv "$backup" "$policy"; else rm -f "$policy"; fi' EXIT
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
