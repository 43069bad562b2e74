#!/usr/bin/env bash
# Installs everything the build and the tests need on a fresh machine: Go modules, and the npm
# packages of test fixtures that use real npm dependencies (hono, itty-router). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."

go mod download

# Fixture projects with a package.json get their node_modules (npm ci when a lockfile exists).
while IFS= read -r pkg; do
  dir=$(dirname "$pkg")
  if [ -d "$dir/node_modules" ] && [ "$dir/node_modules" -nt "$pkg" ]; then
    continue
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "setup: npm is needed for $dir (apt-get install -y npm)" >&2
    exit 1
  fi
  echo "== npm install in $dir"
  if [ -f "$dir/package-lock.json" ]; then
    (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error)
  else
    (cd "$dir" && npm install --no-audit --no-fund --loglevel=error)
  fi
done < <(git ls-files '*package.json' 2>/dev/null | grep -v node_modules || true)
