#!/usr/bin/env bash
# The test command: installs what the tests need when it is missing (Chromium
# for the browser test, the web UI's npm packages and build), then runs every
# test of the workspace. `.ci/run` calls exactly this.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup-test-deps.sh
cargo test --workspace --locked
