#!/usr/bin/env bash
# Runs bench/run.ts with a raised open-files limit: each idle connection costs one
# descriptor in the load generator and one in the server, which inherits this limit.
set -euo pipefail
cd "$(dirname "$0")/.."
want=65536
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
ulimit -n "$want" 2>/dev/null || echo "bench/run.sh: could not raise ulimit -n (now $(ulimit -n))" >&2
exec npx tsx bench/run.ts "$@"
