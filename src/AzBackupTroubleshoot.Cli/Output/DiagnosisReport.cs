using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// What a terminal gets from azbt failures: the VMs whose jobs failed first (then overrunning, then completed with
    /// warnings), each job's error, likely cause, fix and repair; then a summary of the jobs by kind, the commonest
    /// known errors, scope errors and the command to run next.
    /// </summary>
    public sealed class DiagnosisReport
    {
        private readonly List<BackupFailureDiagnosis> _diagnoses = new();
        private readonly List<ScopeErrorEvent> _scopeErrors = new();
        private readonly Palette _paint;
        private readonly int _width;
        private readonly KnowledgeLanguage _language;
        private readonly string _connection;

        private const int KindWidth = 22;
        private const int LabelWidth = 16;

        public DiagnosisReport(TerminalSettings settings, KnowledgeLanguage language, string connection = "")
        {
            _paint = new Palette(settings.Color);
            _width = settings.Width;
            _language = language;
            _connection = connection;
        }

        public void Add(BackupFailureDiagnosis diagnosis) => _diagnoses.Add(diagnosis);

        public void Add(ScopeErrorEvent error) => _scopeErrors.Add(error);

        public void Write(TextWriter o)
        {
            var vms = _diagnoses.GroupBy(d => d.VmId.Length > 0 ? d.VmId : d.VmName, StringComparer.OrdinalIgnoreCase)
                .Select(g => g.OrderBy(d => Rank(d.Kind)).ThenByDescending(d => d.StartTime).ToList())
                .OrderBy(jobs => Rank(jobs[0].Kind)).ThenBy(jobs => jobs[0].VmName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            foreach (var jobs in vms)
            {
                var where = jobs[0].ResourceGroup.Length > 0 ? $"  ({jobs[0].ResourceGroup})" : "";
                var kinds = jobs.GroupBy(d => d.Kind).OrderBy(g => Rank(g.Key)).Select(g => Paint(g.Key, $"{g.Count()} {g.Key}"));
                o.WriteLine(_paint.Bold(Text.CutMiddle(jobs[0].VmName, Math.Max(20, _width - where.Length - 40))) + _paint.Dim(where) + "  " + string.Join(" · ", kinds));
                foreach (var d in jobs) WriteJob(o, d);
                o.WriteLine();
            }
            WriteSummary(o);
        }

        private void WriteJob(TextWriter o, BackupFailureDiagnosis d)
        {
            string Label(string key) => Phrases.Default.Text("label." + key, _language);
            var indent = 2 + KindWidth;
            var textWidth = Math.Max(30, _width - indent);
            var pad = new string(' ', indent);
            var lines = new List<string>();
            void Add(string text) => lines.AddRange(Text.Wrap(text, textWidth));
            void Hang(string label, string text) => lines.AddRange(Text.Hang(label + ": ", text, textWidth));

            Add($"{DiagnosisText.Started(d)}  {Label("job")} {d.JobName} ({d.VaultName})");
            if (d.ErrorMessage != null) Hang(Label("error"), d.ErrorMessage);
            if (d.Match != null) Hang(Label("match"), DiagnosisText.Match(d.Match, _language));
            if (d.UnderlyingDetail != null) Hang(Label("detail"), d.UnderlyingDetail + (d.DetailMatch != null ? $" [{d.DetailMatch.Code}]" : ""));
            Hang(Label("cause"), d.MostLikelyCause);
            var fix = Label("fix") + ": ";
            for (var i = 0; i < d.Remediation.Length; i++)
                lines.AddRange(Text.Hang((i == 0 ? fix : new string(' ', fix.Length)) + $"{i + 1}. ", d.Remediation[i], textWidth));
            var repair = Repair(d);
            if (repair != null) lines.Add($"{Label("repair")}: " + _paint.Command(repair));
            else if (d.RepairCommand != null) Hang(Label("repair"), d.RepairCommand);
            if (d.RelatedChecks.Length > 0) lines.AddRange(Text.Hang(Label("evidence") + ": ", DiagnosisText.Evidence(d), textWidth).Select(_paint.Dim));

            o.WriteLine("  " + Paint(d.Kind, d.Kind.ToString().PadRight(KindWidth)) + lines[0]);
            foreach (var line in lines.Skip(1)) o.WriteLine(pad + line);
        }

        private void WriteSummary(TextWriter output)
        {
            var o = new SummaryLines(output, Math.Min(LabelWidth, _width / 4), _width);
            output.WriteLine(_paint.Bold(_diagnoses.Count == 0
                ? Phrases.Default.Format("noFailures", _language, ("days", 14))
                : Phrases.Default.Format("failuresSummary", _language, ("count", _diagnoses.Count), ("known", _diagnoses.Count(d => d.Match != null)))));
            if (_diagnoses.Count > 0)
            {
                o.Line("Jobs by kind", string.Join(" · ", _diagnoses.GroupBy(d => d.Kind).OrderBy(g => Rank(g.Key)).Select(g => Paint(g.Key, $"{g.Count()} {g.Key}"))));
                var commonest = _diagnoses.Where(d => d.Match != null).GroupBy(d => d.Match!.Code)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(5)
                    .Select(g => $"{g.Key} {g.First().Match!.Title} ({g.Count()})");
                o.Wrapped("Known errors", string.Join(" · ", commonest.DefaultIfEmpty("none")));
            }
            o.Line("Scope errors", _scopeErrors.Count == 0 ? "none" : _paint.Status(CheckStatus.Error, _scopeErrors.Count.ToString()) + " (these parts were not read)");
            foreach (var e in _scopeErrors) o.Under($"{e.ErrorId}: {e.Message}");

            var next = _diagnoses.OrderBy(d => Rank(d.Kind)).Select(d => (Diagnosis: d, Command: Repair(d))).Where(x => x.Command != null)
                .GroupBy(x => x.Diagnosis.RepairCommand).OrderByDescending(g => g.Count()).FirstOrDefault();
            if (next != null)
            {
                o.Line("Next", _paint.Command(next.First().Command!));
                o.Wrapped("", ($"for {next.First().Diagnosis.VmName}; {next.Count()} job(s) point at {next.Key}; drop --dry-run and add --yes to apply"), _paint.Dim);
            }
            else if (_diagnoses.Count > 0)
            {
                var vm = _diagnoses.OrderBy(d => Rank(d.Kind)).First();
                o.Line("Next", _paint.Command($"azbt readiness --vm {vm.VmId}" + (_connection.Length > 0 ? " " + _connection : "")));
                o.Wrapped("", ("no automatic repair applies: the readiness checks show what else is wrong on the VM"), _paint.Dim);
            }
        }

        private string? Repair(BackupFailureDiagnosis d)
            => NextCommand.For(d.RepairCommand, d.VmId, lockFound: d.CauseCheckId?.StartsWith("Lock.", StringComparison.Ordinal) == true,
                d.JobId.Length > 0 ? d.JobId : null, _connection);

        private string Paint(FailureKind kind, string text) => _paint.Status(kind == FailureKind.Failed ? CheckStatus.Fail : CheckStatus.Warning, text);

        /// <summary>Failed first; an overrunning job next (it blocks the next backup); completed with warnings last.</summary>
        private static int Rank(FailureKind kind) => kind switch
        {
            FailureKind.Failed => 0,
            FailureKind.LongRunning => 1,
            _ => 2,
        };
    }
}
