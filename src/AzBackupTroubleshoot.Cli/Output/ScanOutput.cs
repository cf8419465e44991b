using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// Where check results go, for azbt readiness and restore-readiness: JSON streamed element by element; the table
    /// streamed row by row for pipes and files; or, when stdout is a terminal, the <see cref="ResultReport"/> written
    /// once the scan is done, with a progress bar on stderr meanwhile. Counts what it saw for the exit code.
    /// </summary>
    public sealed class ScanOutput : IAsyncDisposable
    {
        private readonly TextWriter _stdout;
        private readonly StderrChannel _stderr;
        private readonly ReportSubject _subject;
        private readonly JsonArrayWriter? _json;
        private readonly ResultTable? _table;
        private readonly ResultReport? _report;
        private readonly Dictionary<CheckStatus, int> _counts = new();
        private readonly HashSet<string> _vms = new(StringComparer.OrdinalIgnoreCase);
        private bool _ended;

        private ScanOutput(OutputRequest request, TextWriter stdout, StderrChannel stderr)
        {
            _stdout = stdout;
            _stderr = stderr;
            _subject = request.Subject;
            if (request.Json) _json = new JsonArrayWriter(stdout);
            else if (request.Settings.StdoutIsTerminal) _report = new ResultReport(request.Settings, request.Show, request.Subject, request.Connection);
            else _table = new ResultTable(stdout, request.Settings.Width, request.Show);
        }

        /// <summary>Starts the output (and the progress bar, when wanted). Call <see cref="EndAsync"/> when the scan is done.</summary>
        public static async Task<ScanOutput> StartAsync(OutputRequest request, TextWriter stdout, TextWriter stderr)
        {
            var channel = await StderrChannel.StartAsync(request, reportOnTerminal: !request.Json && request.Settings.StdoutIsTerminal, stderr).ConfigureAwait(false);
            return new ScanOutput(request, stdout, channel);
        }

        public int Count(CheckStatus status) => _counts.TryGetValue(status, out var n) ? n : 0;

        public int ScopeErrors { get; private set; }

        public void Write(ScanEvent evt)
        {
            switch (evt)
            {
                case ResultEvent r:
                    Write(r.Result);
                    break;
                case ScopeErrorEvent e:
                    Write(e);
                    break;
                case ProgressEvent p:
                    _stderr.Progress?.Report(p);
                    break;
            }
        }

        public void Write(CheckResult result)
        {
            _counts[result.Status] = Count(result.Status) + 1;
            // A VM's results may come in two parts (restore-point checks last): count it once.
            if (_vms.Add(result.VmId)) _stderr.Progress?.VmEvaluated();
            _json?.Write(result);
            _table?.Write(result);
            _report?.Add(result);
        }

        public void Write(ScopeErrorEvent error)
        {
            ScopeErrors++;
            _report?.Add(error);
            _stderr.Error(error);
        }

        /// <summary>Stops the progress bar, then closes the JSON array or writes the report, and the summary line.</summary>
        public async Task EndAsync()
        {
            if (_ended) return;
            _ended = true;
            await _stderr.StopProgressAsync().ConfigureAwait(false);
            _json?.End();
            _report?.Write(_stdout);
            _stdout.Flush();
            var counts = $"{Count(CheckStatus.Fail)} failed, {Count(CheckStatus.Warning)} warning, {Count(CheckStatus.Pass)} passed, {Count(CheckStatus.Skipped)} skipped, {Count(CheckStatus.Error)} error; {ScopeErrors} scope error(s).";
            _stderr.Summary(_subject == ReportSubject.Restore ? "restore pre-checks: " + counts : $"{_vms.Count} VM(s): " + counts);
        }

        /// <summary>On an exception the bar must still go away, so the one-line error is not drawn over.</summary>
        public async ValueTask DisposeAsync() => await _stderr.StopProgressAsync().ConfigureAwait(false);
    }

    /// <summary>What a command asks of its output: the format and the options that shape it.</summary>
    public sealed record OutputRequest
    {
        public TerminalSettings Settings { get; init; } = TerminalSettings.Redirected;
        public bool Json { get; init; }
        public ShowFilter Show { get; init; } = ShowFilter.Default;
        public ReportSubject Subject { get; init; } = ReportSubject.Readiness;
        /// <summary>Arguments a suggested next command needs to reach the same ARM (e.g. "--scenario scenarios/demo.json").</summary>
        public string Connection { get; init; } = "";
        /// <summary>A scan long enough for a progress bar (readiness, failures; not a single restore's pre-checks).</summary>
        public bool WithProgress { get; init; } = true;
    }
}
