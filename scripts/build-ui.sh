#!/usr/bin/env bash
# Builds the web UI into web/dist/, which truce-server embeds when cargo
# builds it (crates/truce-server/build.rs). Needs Node.js and npm; installs
# web/node_modules from the committed package-lock.json (npm ci) when it is
# missing. Without a built UI, `truce serve` shows a "UI not built" page and
# the browser test fails saying to run this script.
set -euo pipefail
cd "$(dirname "$0")/../web"
command -v node >/dev/null || { echo "build-ui: node not found (install Node.js 20+)" >&2; exit 1; }
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
    npm ci --no-audit --no-fund
fi
node build.mjs
