#!/usr/bin/env bash
# Installs everything the tests use (Debian packages: MariaDB, Chromium,
# slixmpp, build tools; npm dependencies) and runs every test: typecheck,
# unit tests, and integration tests against real servers on SQLite and MariaDB.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
npm ci --no-audit --no-fund
npm test
