#!/usr/bin/env bash
# The demo: builds the web UI when it is not built, then ingests the bundled
# demo corpus into truce-demo.db, prints what was found and the admin login,
# and serves the UI on http://127.0.0.1:8080/ (Ctrl-C stops).
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f web/dist/index.html ] || bash scripts/build-ui.sh
exec cargo run --release -- demo "$@"
