using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Reports;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt report: writes saved readiness results (readiness --output json) as HTML, Markdown, SARIF, JUnit or CSV.
    /// Reads nothing from Azure. Exit 0 when the report is written, 2 for bad input (no such file, not results, no format).
    /// </summary>
    public sealed class ReportCommand : Command
    {
        private readonly Option<string> _input = OptionKit.Text("--input", "the results: a file written by 'azbt readiness --output json', or - for standard input", "file").Required();
        private readonly Option<string> _out = OptionKit.Text("--out", "the report file to write (replaced once the report is complete)", "file").Required();
        private readonly Option<string> _format = OptionKit.Choice("--format", "the report format; by default from the --out extension (.html .md .sarif .xml .csv)", ReportFormats.Names);
        private readonly Option<string> _title = OptionKit.Text("--title", "the report's title", "text");
        private readonly Option<string> _docBaseUrl = OptionKit.Text("--doc-base-url", "where docs/checks/ is published (e.g. a repository's blob URL): doc pages become links", "url");

        public ReportCommand(CliConsole console) : base("report", "write saved readiness results as HTML, Markdown, SARIF, JUnit or CSV")
        {
            foreach (var option in new Option[] { _input, _out, _format, _title, _docBaseUrl }) Add(option);
            SetAction(parse => Run(parse, console));
        }

        private int Run(ParseResult parse, CliConsole console)
        {
            var outPath = parse.GetValue(_out)!;
            var format = FormatOf(parse, outPath);
            var options = new ReportOptions { DocBaseUrl = DocBaseUrl(parse.GetValue(_docBaseUrl)) };
            if (parse.GetValue(_title) is string title) options.Title = title;

            var results = ReadResults(parse.GetValue(_input)!, console);
            try
            {
                ReportWriter.WriteFile(format, results, outPath, options);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AzbtException(FailureKind.InvalidInput, "ReportWriteFailed", $"Could not write '{outPath}': {ex.Message}", outPath);
            }
            console.Error.WriteLine($"{results.Count} result(s) written as {format} to {outPath}");
            return ExitCodes.Success;
        }

        private ReportFormat FormatOf(ParseResult parse, string outPath)
        {
            if (OptionKit.Given(parse, _format) && ReportFormats.TryParse(parse.GetValue(_format), out var chosen)) return chosen;
            var extension = Path.GetExtension(outPath).ToLowerInvariant();
            foreach (ReportFormat format in Enum.GetValues(typeof(ReportFormat)))
                if (ReportFormats.Extension(format) == extension) return format;
            throw new AzbtException(FailureKind.InvalidInput, "UnknownReportFormat",
                $"Cannot tell the report format from '{OptionKit.Shown(extension)}': give --format {string.Join("|", ReportFormats.Names)}.", outPath);
        }

        private static IReadOnlyList<CheckResult> ReadResults(string input, CliConsole console)
        {
            try
            {
                if (input == "-")
                {
                    using var stdin = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(console.In.ReadToEnd()));
                    return ResultsFile.Read(stdin, "standard input");
                }
                return ResultsFile.Read(input);
            }
            catch (FileNotFoundException)
            {
                throw new AzbtException(FailureKind.InvalidInput, "ResultsFileNotFound", $"The results file '{OptionKit.Shown(input)}' does not exist.", input);
            }
            catch (InvalidDataException ex)
            {
                throw new AzbtException(FailureKind.InvalidInput, "InvalidResultsFile", ex.Message, input);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AzbtException(FailureKind.InvalidInput, "InvalidResultsFile", $"Could not read '{OptionKit.Shown(input)}': {ex.Message}", input);
            }
        }

        private static string? DocBaseUrl(string? text)
        {
            if (text == null) return null;
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp)) return uri.AbsoluteUri;
            throw new AzbtException(FailureKind.InvalidInput, FailureCodes.InvalidInput, $"--doc-base-url must be an http(s) URL, not '{OptionKit.Shown(text)}'.", text);
        }
    }
}
