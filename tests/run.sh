#!/usr/bin/env bash
# Runs every test: builds the solution (which also lays out the module in out/), runs all xunit projects,
# runs Pester where pwsh and Pester exist, and prints one closing line "N passed, N failed".
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results=out/test-results
rm -rf "$results"
mkdir -p "$results"

if ! dotnet build AzBackupTroubleshoot.sln -nologo -v minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
# The report tests validate SARIF against its schema and open the HTML report in headless Chromium.
if ! bash tests/tools/install-report-test-tools.sh; then echo "could not install the report test tools (see above)"; status=1; fi

for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" --no-build -nologo -v minimal \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --blame-hang-timeout 10m || status=1
done

passed=0; failed=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  p=$(echo "$counters" | sed -n 's/.* passed="\([0-9]*\)".*/\1/p'); f=$(echo "$counters" | sed -n 's/.* failed="\([0-9]*\)".*/\1/p')
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0}))
done

# Pester: only where PowerShell 7 and Pester 5 are installed (not on the CI machine; see tests/Pester/README.md).
if command -v pwsh >/dev/null 2>&1 && pwsh -NoProfile -Command 'if (Get-Module -ListAvailable Pester | Where-Object Version -ge 5.0) { exit 0 } else { exit 1 }'; then
  pwsh -NoProfile -Command '$r = Invoke-Pester -Path tests/Pester -PassThru -Output Detailed; "PESTER $($r.PassedCount) $($r.FailedCount)"' | tee "$results/pester.txt"
  line=$(grep '^PESTER ' "$results/pester.txt" | tail -1)
  passed=$((passed + $(echo "$line" | cut -d' ' -f2))); failed=$((failed + $(echo "$line" | cut -d' ' -f3)))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a test host crash counts as a failure
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
