using System;
using System.IO;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// Where azbt failures' diagnoses go: JSON streamed; text streamed for pipes and files; or, when stdout is a
    /// terminal, the <see cref="DiagnosisReport"/> once the scan is done, with a progress bar on stderr meanwhile.
    /// </summary>
    public sealed class FailuresOutput : IAsyncDisposable
    {
        private readonly TextWriter _stdout;
        private readonly StderrChannel _stderr;
        private readonly KnowledgeLanguage _language;
        private readonly JsonArrayWriter? _json;
        private readonly DiagnosisReport? _report;
        private bool _ended;

        private FailuresOutput(OutputRequest request, KnowledgeLanguage language, TextWriter stdout, StderrChannel stderr)
        {
            _stdout = stdout;
            _stderr = stderr;
            _language = language;
            if (request.Json) _json = new JsonArrayWriter(stdout);
            else if (request.Settings.StdoutIsTerminal) _report = new DiagnosisReport(request.Settings, language, request.Connection);
        }

        public static async Task<FailuresOutput> StartAsync(OutputRequest request, KnowledgeLanguage language, TextWriter stdout, TextWriter stderr)
        {
            var channel = await StderrChannel.StartAsync(request, reportOnTerminal: !request.Json && request.Settings.StdoutIsTerminal, stderr).ConfigureAwait(false);
            return new FailuresOutput(request, language, stdout, channel);
        }

        public int Total { get; private set; }
        public int Failed { get; private set; }
        public int Known { get; private set; }
        public int ScopeErrors { get; private set; }

        public void Write(ScanEvent evt)
        {
            switch (evt)
            {
                case DiagnosisEvent d:
                    Total++;
                    if (d.Diagnosis.Kind == FailureKind.Failed) Failed++;
                    if (d.Diagnosis.Match != null) Known++;
                    if (_json != null) _json.Write(d.Diagnosis);
                    else if (_report != null) _report.Add(d.Diagnosis);
                    else DiagnosisText.Write(_stdout, d.Diagnosis, _language);
                    break;
                case ScopeErrorEvent e:
                    ScopeErrors++;
                    _report?.Add(e);
                    _stderr.Error(e);
                    break;
                case ProgressEvent p:
                    _stderr.Progress?.Report(p);
                    break;
            }
        }

        public async Task EndAsync()
        {
            if (_ended) return;
            _ended = true;
            await _stderr.StopProgressAsync().ConfigureAwait(false);
            _json?.End();
            _report?.Write(_stdout);
            _stdout.Flush();
            _stderr.Summary(Total == 0
                ? Phrases.Default.Format("noFailures", _language, ("days", 14))
                : Phrases.Default.Format("failuresSummary", _language, ("count", Total), ("known", Known)));
        }

        public async ValueTask DisposeAsync() => await _stderr.StopProgressAsync().ConfigureAwait(false);
    }
}
