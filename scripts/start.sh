#!/usr/bin/env bash
# Installs and starts Causerie on its embedded defaults: SQLite in ./data,
# certificates from a development CA made at first start, mail to a local
# outbox. For Debian 12 with Node 20, run as root from the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
# better-sqlite3 compiles its native part when no prebuilt binary can be fetched.
if ! command -v g++ >/dev/null || ! command -v make >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends build-essential python3 >/dev/null
fi
npm ci --no-audit --no-fund
npm run build
# The node's V8 flags (package.json "config.nodeFlags"; docs/CONFIGURATION.md says why).
flags=$(node -p 'require("./package.json").config.nodeFlags')
# shellcheck disable=SC2086 # the flags are words on purpose
exec node $flags dist/server/bin.js start "$@"
