#!/usr/bin/env bash
# Runs every test: installs the repository's PowerShell (7.6.9, a local .NET tool) and Pester (5.9.1, from NuGet),
# builds the solution (which also lays out the module in out/), runs all xunit projects, runs every Pester suite in
# tests/Pester with that PowerShell, and prints one closing line "N passed, N failed" counting both.
# When PowerShell or Pester cannot be installed the run fails and says why: Pester is never skipped.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1 POWERSHELL_TELEMETRY_OPTOUT=1
configuration=${AZBT_TEST_CONFIGURATION:-Debug}

results=out/test-results
rm -rf "$results"
mkdir -p "$results"
# Repairs journal lifted locks per user by default (~/.local/state/...): the tests get a folder of their own, so no
# other run on this machine (nor an earlier, killed one) can leave a journal that a test's repair would find first.
export AZBT_JOURNAL_DIR="$PWD/out/test-journal"
rm -rf "$AZBT_JOURNAL_DIR"
mkdir -p "$AZBT_JOURNAL_DIR"

# PowerShell from .config/dotnet-tools.json (`dotnet pwsh`), Pester laid out in out/pwsh-modules (tests/Pester/README.md).
pester_problem=""
if ! dotnet tool restore; then
  pester_problem="PowerShell 7.6.9 could not be installed: 'dotnet tool restore' failed (see above)"
elif ! dotnet pwsh -NoProfile -NonInteractive -Command 'exit 0'; then
  pester_problem="PowerShell 7.6.9 was installed but 'dotnet pwsh' does not start (see above)"
elif ! dotnet msbuild tests/Pester/Restore/Pester.restore.proj -restore -t:LayOutPester -nologo -v:minimal; then
  pester_problem="Pester 5.9.1 could not be installed from NuGet (see above)"
fi
[ -n "$pester_problem" ] && echo "ERROR: $pester_problem"

if ! dotnet build AzBackupTroubleshoot.sln -c "$configuration" -nologo -v minimal; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

status=0
# The report tests validate SARIF against its schema and open the HTML report in headless Chromium.
if ! bash tests/tools/install-report-test-tools.sh; then echo "could not install the report test tools (see above)"; status=1; fi

for project in tests/*/*.Tests.csproj; do
  name=$(basename "$project" .csproj)
  dotnet test "$project" -c "$configuration" --no-build -nologo -v minimal \
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
echo "xunit total: passed=$passed failed=$failed"

# Pester: every *.Tests.ps1 under tests/Pester, in one fresh pwsh; it prints "PESTER <passed> <failed>".
if [ -z "$pester_problem" ]; then
  dotnet pwsh -NoProfile -NonInteractive -File tests/Pester/Invoke-PesterSuites.ps1 -Configuration "$configuration" \
    -ResultsDirectory "$results" 2>&1 | tee "$results/pester.txt"
  line=$(grep -a -E '^PESTER [0-9]+ [0-9]+$' "$results/pester.txt" | tail -1)
  if [ -z "$line" ]; then
    pester_problem="the Pester run ended without its result line (see above)"
  else
    pp=$(echo "$line" | cut -d' ' -f2); pf=$(echo "$line" | cut -d' ' -f3)
    echo "Pester total: passed=$pp failed=$pf"
    passed=$((passed + pp)); failed=$((failed + pf))
  fi
fi
if [ -n "$pester_problem" ]; then
  echo "ERROR: Pester did not run: $pester_problem"
  failed=$((failed + 1))
fi

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then failed=1; fi   # a test host crash counts as a failure
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
