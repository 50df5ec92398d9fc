#!/usr/bin/env bash
# `npm test`: every level of test in one run (unit, function, infra, local cloud,
# website components, browser end-to-end). Extra arguments go to vitest,
# e.g. `npm test -- --project unit`.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n\033[1m▶ %s\033[0m\n' "$*"; }

# The type check and the website build each use one core: run them side by side.
build_log="$(mktemp)"
build_pid=""
if [ -f website/vite.config.ts ]; then
  step "Building the website for the browser tests (beside the type check)"
  npm run --silent build:website >"$build_log" 2>&1 &
  build_pid=$!
fi

step "Type-checking (tsc --noEmit)"
npx tsc --noEmit -p tsconfig.json

if [ -n "$build_pid" ]; then
  if ! wait "$build_pid"; then
    cat "$build_log" >&2
    echo "The website build failed (above)." >&2
    exit 1
  fi
  echo "website built"
fi
rm -f "$build_log"

# The browser tests drive Debian's Chromium (downloads of other browsers are blocked here).
CHROMIUM="${WILD_RYDES_CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$CHROMIUM" ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
    step "Installing Chromium for the browser tests (apt-get install chromium, about a minute)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Chromium at $CHROMIUM. Install it with:" >&2
    echo "    sudo apt-get update && sudo apt-get install -y chromium" >&2
    echo "or point WILD_RYDES_CHROMIUM at a Chromium binary." >&2
    exit 1
  fi
fi

step "Running the tests (vitest)"
mkdir -p test-results
status=0
npx vitest run --silent=passed-only --reporter=default --reporter=json --outputFile.json=test-results/vitest.json "$@" || status=$?

# One plain closing line that any CI can read.
node -e '
  const fs = require("node:fs");
  try {
    const r = JSON.parse(fs.readFileSync("test-results/vitest.json", "utf8"));
    console.log(`\nTests: ${r.numPassedTests} passed, ${r.numFailedTests} failed, ${r.numPendingTests + r.numTodoTests} skipped`);
  } catch { console.log("\nTests: no result file was written"); }
'
exit $status
