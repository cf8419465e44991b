using System;
using AzBackupTroubleshoot.PowerShell.Errors;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Reports;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// <para type="synopsis">Writes a report (HTML, Markdown, SARIF, JUnit or CSV) of readiness results.</para>
    /// <para type="description">Collects the results piped in (from Test-AzVmBackupReadiness, or read back with
    /// Import-Csv/ConvertFrom-Json) and writes one report file. The format follows -Format, or the file's extension.</para>
    /// </summary>
    [Cmdlet(VerbsData.Export, "AzBackupReadinessReport", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAzBackupReadinessReportCommand : PSCmdlet
    {
        private readonly List<CheckResult> _results = new List<CheckResult>();

        /// <summary>The readiness results to report on.</summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true)]
        [AllowNull]
        public PSObject? InputObject { get; set; }

        /// <summary>The report file to write.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Html, Markdown, Sarif, JUnit or Csv; by default from the file extension (.html, .md, .sarif, .xml, .csv).</summary>
        [Parameter]
        [ValidateSet("Html", "Markdown", "Sarif", "JUnit", "Csv", IgnoreCase = true)]
        public string? Format { get; set; }

        /// <summary>The report's title.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string Title { get; set; } = "Azure VM backup readiness";

        /// <summary>Where check documentation pages are published (e.g. a repository's blob URL); pages become links.</summary>
        [Parameter]
        public Uri? DocBaseUrl { get; set; }

        /// <summary>Replace an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the report file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void ProcessRecord() => ResultInput.Collect(this, InputObject, _results);

        protected override void EndProcessing()
        {
            var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var format = FormatFor(path);
            if (File.Exists(path) && !Force)
            {
                ThrowTerminatingError(ErrorRecords.Record($"The file '{path}' exists; use -Force to replace it.",
                    "ReportFileExists", ErrorCategory.ResourceExists, path));
            }
            if (!ShouldProcess(path, $"Write a {format} report of {_results.Count} result(s)")) return;
            try
            {
                ReportWriter.WriteFile(format, _results, path, new ReportOptions { Title = Title, DocBaseUrl = DocBaseUrl?.AbsoluteUri });
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecords.Record($"Could not write '{path}': {error.Message}", "ReportWriteFailed", ErrorCategory.WriteError, path));
            }
            if (PassThru) WriteObject(new FileInfo(path));
        }

        private ReportFormat FormatFor(string path)
        {
            if (Format != null && ReportFormats.TryParse(Format, out var chosen)) return chosen;
            var extension = System.IO.Path.GetExtension(path).ToLowerInvariant();
            foreach (ReportFormat format in Enum.GetValues(typeof(ReportFormat)))
                if (ReportFormats.Extension(format) == extension) return format;
            ThrowTerminatingError(ErrorRecords.Record($"Cannot tell the report format from '{extension}': give -Format (Html, Markdown, Sarif, JUnit or Csv).",
                "UnknownReportFormat", ErrorCategory.InvalidArgument, path));
            return default; // not reached
        }
    }
}
