#!/usr/bin/env bash
# Installs what the report tests check their output with, into out/test-tools (idempotent, a few seconds when present):
#  - the SARIF 2.1.0 JSON schema, from the npm package @microsoft/jest-sarif (it ships the OASIS schema, rtm.5);
#  - Debian's chromium, to open the HTML report headless (needs root, as on CI; skipped when chromium is there).
# The JUnit schema comes with Pester 5.9.1 (tools/schemas/JUnit4), which the Pester step restores from NuGet.
set -euo pipefail
cd "$(dirname "$0")/../.."
tools=out/test-tools
mkdir -p "$tools"

if [ ! -s "$tools/sarif-schema-2.1.0.json" ]; then
  work=$(mktemp -d)
  (cd "$work" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null)
  tar -xzf "$work"/microsoft-jest-sarif-1.0.0-beta.0.tgz -C "$work" package/lib/schemas/sarif-2.1.0-rtm.5.json
  cp "$work/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$tools/sarif-schema-2.1.0.json"
  rm -rf "$work"
fi

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "chromium is not installed and this is not root: install Debian's chromium package to run the HTML report test" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq chromium >/dev/null
fi
echo "report test tools ready: $tools/sarif-schema-2.1.0.json, $(command -v chromium)"
