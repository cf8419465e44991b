using System;
using AzBackupTroubleshoot.PowerShell.Errors;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Compliance;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.PowerShell.Output;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Runs readiness results through Pester as a compliance pack: one Describe per check, one It per VM.</para>
    /// <para type="description">Pipe Test-AzVmBackupReadiness into it. A compliance configuration (.psd1 or .json) says which
    /// checks count, which severities fail the run, whether warnings fail, and which findings are suppressed (with a
    /// justification and an optional expiry). Returns Pester's result object; -OutputPath writes NUnit or JUnit XML.</para>
    /// </summary>
    [Cmdlet(VerbsLifecycle.Invoke, "AzBackupCompliance")]
    [OutputType(typeof(PSObject))]
    [OutputType("Pester.Run")]
    public sealed class InvokeAzBackupComplianceCommand : PSCmdlet
    {
        private readonly List<CheckResult> _results = new List<CheckResult>();

        /// <summary>Readiness results (Test-AzVmBackupReadiness output, or the same read back from a file).</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>A compliance configuration: a PowerShell data file (.psd1) or JSON (.json).</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public string? ConfigurationPath { get; set; }

        /// <summary>Write Pester's test result file here (NUnit or JUnit XML, see -OutputFormat).</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? OutputPath { get; set; }

        /// <summary>The test result file format, as Pester names it.</summary>
        [Parameter]
        [ValidateSet("NUnitXml", "NUnit2.5", "NUnit3", "JUnitXml")]
        public string OutputFormat { get; set; } = "NUnitXml";

        /// <summary>Only the tests with these tags (check id, area, severity or a check's tag).</summary>
        [Parameter]
        public string[]? Tag { get; set; }

        /// <summary>Leave out the tests with these tags.</summary>
        [Parameter]
        public string[]? ExcludeTag { get; set; }

        /// <summary>How much Pester prints: None, Normal, Detailed or Diagnostic.</summary>
        [Parameter]
        [ValidateSet("None", "Normal", "Detailed", "Diagnostic")]
        public string Output { get; set; } = "Normal";

        protected override void ProcessRecord() => ResultInput.Collect(this, InputObject, _results);

        protected override void EndProcessing()
        {
            var configuration = LoadConfiguration();
            IReadOnlyList<ComplianceVerdict> verdicts;
            try
            {
                verdicts = ComplianceEvaluator.Evaluate(_results, configuration, DateTimeOffset.UtcNow, ConfigurationPath ?? "defaults");
            }
            catch (AzbtException error)
            {
                ThrowTerminatingError(ErrorRecords.ForFailure(error));
                return;
            }

            var packPath = Path.Combine(ModuleRoot(), "Compliance", "AzBackupCompliance.Tests.ps1");
            var settings = new Hashtable
            {
                ["Verbosity"] = Output,
                ["OutputPath"] = OutputPath == null ? null : SessionState.Path.GetUnresolvedProviderPathFromPSPath(OutputPath),
                ["OutputFormat"] = OutputFormat,
                ["Tag"] = Tag,
                ["ExcludeTag"] = ExcludeTag,
            };
            var pester = InvokeCommand.InvokeScript(FindPesterScript).FirstOrDefault();
            if (pester == null)
            {
                ThrowTerminatingError(ErrorRecords.Record("Invoke-AzBackupCompliance needs Pester 5 or later: Install-Module Pester -MinimumVersion 5.0.",
                    "PesterNotFound", ErrorCategory.ObjectNotFound, "Pester"));
            }
            var script = ScriptBlock.Create(RunPackScript);
            foreach (var output in InvokeCommand.InvokeScript(false, script, null, PackData(verdicts), packPath, settings, pester))
                WriteObject(output);
        }

        // Pester 5 or later: the loaded one (inside a Pester run) or the newest installed.
        private const string FindPesterScript = @"
$loaded = Get-Module -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Select-Object -First 1
if ($loaded) { $loaded } else { Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1 }
";

        // Runs the pack in Pester: the data goes in as the container's parameters; Pester's own result comes back.
        private const string RunPackScript = @"
param($Checks, $PackPath, $Settings, $Pester)
Import-Module $Pester -ErrorAction Stop
$configuration = New-PesterConfiguration
$configuration.Run.Container = New-PesterContainer -Path $PackPath -Data @{ Checks = $Checks }
$configuration.Run.PassThru = $true
$configuration.Output.Verbosity = $Settings.Verbosity
if ($Settings.OutputPath) {
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputPath = $Settings.OutputPath
    $configuration.TestResult.OutputFormat = $Settings.OutputFormat
    $configuration.TestResult.TestSuiteName = 'AzBackupTroubleshoot compliance'
}
if ($Settings.Tag) { $configuration.Filter.Tag = $Settings.Tag }
if ($Settings.ExcludeTag) { $configuration.Filter.ExcludeTag = $Settings.ExcludeTag }
Invoke-Pester -Configuration $configuration
";

        /// <summary>The pack's data: one entry per check (its tags and one row per VM), as plain hashtables of strings.</summary>
        private static object[] PackData(IReadOnlyList<ComplianceVerdict> verdicts) =>
            verdicts.GroupBy(v => v.Result.CheckId, StringComparer.OrdinalIgnoreCase)
                .OrderBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => (object)new Hashtable
                {
                    ["Id"] = g.First().Result.CheckId,
                    ["Title"] = g.First().Result.Title,
                    ["Severity"] = g.First().Result.Severity.ToString(),
                    ["Area"] = g.First().Check.Area,
                    ["Tags"] = g.First().Check.Tags.ToArray(),
                    ["Vms"] = g.OrderBy(v => v.Result.VmName, StringComparer.OrdinalIgnoreCase).Select(v => (object)new Hashtable
                    {
                        ["VmName"] = v.Result.VmName,
                        ["VmId"] = v.Result.VmId,
                        ["ResourceGroup"] = v.Result.ResourceGroup,
                        ["Status"] = v.Result.Status.ToString(),
                        ["Outcome"] = v.Outcome.ToString(),
                        ["Reason"] = v.Reason,
                    }).ToArray(),
                })
                .ToArray();

        private ComplianceConfiguration LoadConfiguration()
        {
            if (ConfigurationPath == null) return ComplianceConfiguration.Default;
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(ConfigurationPath);
            if (!File.Exists(path))
            {
                ThrowTerminatingError(ErrorRecords.Record($"The compliance configuration '{path}' does not exist.",
                    "ComplianceConfigurationNotFound", ErrorCategory.ObjectNotFound, path));
            }
            try
            {
                var json = path.EndsWith(".psd1", StringComparison.OrdinalIgnoreCase) ? DataFileAsJson(path) : File.ReadAllText(path);
                return ComplianceConfiguration.FromJson(json, path);
            }
            catch (AzbtException error)
            {
                ThrowTerminatingError(ErrorRecords.ForFailure(error, path));
                return null!; // not reached
            }
        }

        // A data file holds only literals (Import-PowerShellDataFile runs no code); the engine reads the same as JSON.
        private string DataFileAsJson(string path)
        {
            try
            {
                var output = InvokeCommand.InvokeScript(false, ScriptBlock.Create("param($p) Import-PowerShellDataFile -LiteralPath $p | ConvertTo-Json -Depth 6 -Compress"), null, path);
                return string.Concat(output.Select(o => o?.ToString()));
            }
            catch (RuntimeException error)
            {
                throw ComplianceConfigurationError(path, error.Message);
            }
        }

        private static AzbtException ComplianceConfigurationError(string path, string why) =>
            new AzbtException(FailureKind.InvalidInput, ComplianceConfiguration.InvalidConfiguration, $"The compliance configuration '{path}' could not be read: {why}", path);

        /// <summary>The module's folder: this assembly sits in bin/&lt;edition&gt;/ below it.</summary>
        private static string ModuleRoot() =>
            Path.GetFullPath(Path.Combine(Path.GetDirectoryName(typeof(InvokeAzBackupComplianceCommand).Assembly.Location)!, "..", ".."));
    }
}
