#!/usr/bin/env bash
# Installs what the tests need, when it is missing (idempotent, no state
# assumed beyond a fresh clone):
#   - Debian's Chromium (/usr/bin/chromium) for the browser test; browsers are
#     never downloaded by npm or Playwright;
#   - web/node_modules (npm ci from the committed package-lock.json);
#   - the UI build (web/dist/), embedded by truce-server at cargo build time.
# Run it before `cargo test --workspace --locked`. If Chromium cannot be
# installed this script fails, and so does the browser test (it never skips).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
started=$(date +%s)

if [ ! -x /usr/bin/chromium ]; then
    echo "setup-test-deps: installing chromium and chromium-driver (Debian packages)"
    sudo=""
    if [ "$(id -u)" != 0 ]; then sudo="sudo"; fi
    export DEBIAN_FRONTEND=noninteractive
    $sudo apt-get update -qq
    $sudo apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
/usr/bin/chromium --version

"$root/scripts/build-ui.sh"
echo "setup-test-deps: done in $(( $(date +%s) - started )) s"
