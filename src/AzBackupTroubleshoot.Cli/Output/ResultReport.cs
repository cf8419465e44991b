using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// What a terminal gets for check results (readiness and restore pre-checks): the VMs with something to fix
    /// first, each with its failing and warning checks, message and fix; skips and errors as one counted line; passes
    /// counted. Then a summary: VMs by worst status, the checks that failed most, scope errors, and the command to
    /// run next. Results are collected as they stream in and written once the scan is done, so the worst VM leads; a
    /// result the report only counts (a pass it does not list) is counted and let go, so a fleet's passes are not held.
    /// </summary>
    public sealed class ResultReport
    {
        private readonly List<VmResults> _vms = new();
        private readonly Dictionary<string, VmResults> _byId = new(StringComparer.OrdinalIgnoreCase);
        private readonly StatusCounts _total = new();
        private readonly List<ScopeErrorEvent> _scopeErrors = new();
        private readonly Palette _paint;
        private readonly int _width;
        private readonly ShowFilter _show;
        private readonly ReportSubject _subject;
        private readonly string _connection;

        private const int StatusWidth = 9;
        private static readonly CheckStatus[] StatusOrder = { CheckStatus.Fail, CheckStatus.Error, CheckStatus.Warning, CheckStatus.Skipped, CheckStatus.Pass };
        private const int LabelWidth = 22;

        /// <param name="connection">Arguments a suggested command needs to reach the same ARM (e.g. "--scenario demo.json").</param>
        public ResultReport(TerminalSettings settings, ShowFilter show, ReportSubject subject, string connection = "")
        {
            _paint = new Palette(settings.Color);
            _width = settings.Width;
            _show = show;
            _subject = subject;
            _connection = connection;
        }

        public void Add(CheckResult result)
        {
            if (!_byId.TryGetValue(result.VmId, out var vm))
            {
                vm = new VmResults(result);
                _byId.Add(result.VmId, vm);
                _vms.Add(vm);
            }
            _total.Add(result.Status);
            vm.Counts.Add(result.Status);
            if (result.Status != CheckStatus.Pass || _show.Lists(CheckStatus.Pass)) vm.Results.Add(result);
        }

        /// <summary>The results held: all but the passes that are only counted.</summary>
        private IEnumerable<CheckResult> Held => _vms.SelectMany(v => v.Results);

        public void Add(ScopeErrorEvent error) => _scopeErrors.Add(error);

        public void Write(TextWriter output)
        {
            var vms = _vms
                .OrderBy(v => Rank(v.Worst)).ThenByDescending(v => v.Count(CheckStatus.Fail)).ThenByDescending(v => v.Count(CheckStatus.Warning))
                .ThenBy(v => v.Name, StringComparer.OrdinalIgnoreCase)
                .ToList();
            var listed = vms.Where(v => v.Results.Any(r => _show.Lists(r.Status) || r.Status == CheckStatus.Error)).ToList();
            var checkWidth = Math.Min(34, Math.Max(10, listed.SelectMany(v => v.Results).Where(r => _show.Lists(r.Status)).Select(r => r.CheckId.Length).DefaultIfEmpty(10).Max()));

            foreach (var vm in listed) WriteVm(output, vm, checkWidth);
            WriteSummary(output, vms, vms.Except(listed).ToList());
        }

        private void WriteVm(TextWriter o, VmResults vm, int checkWidth)
        {
            // The name is cut (in the middle) only when the terminal cannot hold it; the counts move to their own line first.
            var name = Text.CutMiddle(vm.Name, _width - 1);
            var where = vm.ResourceGroup.Length > 0 && name.Length + vm.ResourceGroup.Length + 4 <= _width ? $"  ({vm.ResourceGroup})" : "";
            var counts = Counts(vm.Counts);
            var countsWidth = Counts(vm.Counts, paint: false).Length;
            if (name.Length + where.Length + 2 + countsWidth <= _width) o.WriteLine(_paint.Bold(name) + _paint.Dim(where) + "  " + counts);
            else
            {
                o.WriteLine(_paint.Bold(name) + _paint.Dim(where));
                o.WriteLine("  " + counts);
            }
            foreach (var status in StatusOrder)
            {
                var ofStatus = vm.Results.Where(r => r.Status == status).ToList();
                if (ofStatus.Count == 0) continue;
                if (_show.Lists(status))
                    foreach (var r in ofStatus) WriteRow(o, r, checkWidth);
                else if (status == CheckStatus.Error || status == CheckStatus.Skipped)
                    WriteCountLine(o, status, ofStatus);
            }
            o.WriteLine();
        }

        /// <summary>One check: status, id, then its message, fix, codes and repair command wrapped under each other.</summary>
        private void WriteRow(TextWriter o, CheckResult r, int checkWidth)
        {
            var indent = 2 + StatusWidth + checkWidth + 2;
            var narrow = _width - indent < 40;
            if (narrow) indent = 6;
            var textWidth = _width - indent;
            var pad = new string(' ', indent);
            var head = "  " + _paint.Status(r.Status, r.Status.ToString().PadRight(StatusWidth)) + Text.CutMiddle(r.CheckId, narrow ? _width - 2 - StatusWidth : checkWidth).PadRight(narrow ? 0 : checkWidth);

            var lines = new List<string>();
            lines.AddRange(Text.Wrap(r.Message, textWidth));
            if ((r.Status == CheckStatus.Fail || r.Status == CheckStatus.Warning) && r.Remediation != null)
                lines.AddRange(Text.Hang("fix: ", r.Remediation, textWidth));
            if (r.Codes.Length > 0)
                lines.AddRange(Text.Hang("codes: ", string.Join(", ", r.Codes), textWidth).Select(_paint.Dim));
            var repair = NextCommand.ForResult(r, _connection);
            if (repair != null) lines.Add("repair: " + _paint.Command(repair));

            if (narrow)
            {
                o.WriteLine(head.TrimEnd());
                foreach (var line in lines) o.WriteLine(pad + line);
                return;
            }
            o.WriteLine(head + "  " + lines[0]);
            foreach (var line in lines.Skip(1)) o.WriteLine(pad + line);
        }

        /// <summary>Skips and errors not listed: how many, and each one's check and the start of its reason, on one line.</summary>
        private void WriteCountLine(TextWriter o, CheckStatus status, IReadOnlyList<CheckResult> results)
        {
            var label = $"{results.Count} {status.ToString().ToLowerInvariant()}";
            var reasons = string.Join(", ", results.Select(r => $"{r.CheckId} ({Text.CutEnd(FirstSentence(r.Message), 48)})"));
            var room = _width - 4 - Math.Max(StatusWidth, label.Length + 1);
            o.WriteLine("  " + _paint.Status(status, label.PadRight(StatusWidth - 1)) + " " + _paint.Dim(Text.CutEnd(reasons, room)));
        }

        private static string FirstSentence(string message)
        {
            var end = message.IndexOf(". ", StringComparison.Ordinal);
            return end > 0 ? message.Substring(0, end) : message.TrimEnd('.');
        }

        private void WriteSummary(TextWriter output, IReadOnlyList<VmResults> vms, IReadOnlyList<VmResults> notListed)
        {
            var o = new SummaryLines(output, Math.Min(LabelWidth, _width / 4), _width);
            var restore = _subject == ReportSubject.Restore;
            output.WriteLine(_paint.Bold(restore ? "Restore pre-checks" : $"Summary: {vms.Count} VM(s), {_total.All} check result(s)"));
            if (!restore)
            {
                var byWorst = vms.GroupBy(v => v.Worst).OrderBy(g => Rank(g.Key)).Select(g => _paint.Status(g.Key, $"{g.Count()} {g.Key}"));
                o.Line("VMs by worst status", string.Join(" · ", byWorst.DefaultIfEmpty("none")));
            }
            o.Line(restore ? "Pre-checks" : "Checks", Counts(_total));

            var mostFailed = Held.Where(r => r.Status == CheckStatus.Fail || r.Status == CheckStatus.Warning)
                .GroupBy(r => r.CheckId)
                .Select(g => (Check: g.Key, Fail: g.Count(r => r.Status == CheckStatus.Fail), Warning: g.Count(r => r.Status == CheckStatus.Warning)))
                .OrderByDescending(c => c.Fail).ThenByDescending(c => c.Warning).ThenBy(c => c.Check, StringComparer.Ordinal)
                .Take(5)
                .Select(c => $"{c.Check} ({string.Join(", ", new[] { c.Fail > 0 ? $"{c.Fail} fail" : null, c.Warning > 0 ? $"{c.Warning} warning" : null }.Where(s => s != null))})")
                .ToList();
            if (!restore && mostFailed.Count > 0) o.Wrapped("Failed most", string.Join(" · ", mostFailed));

            var errorsLabel = restore ? "Read errors" : "Scope errors";
            if (_scopeErrors.Count == 0) o.Line(errorsLabel, "none");
            else
            {
                o.Line(errorsLabel, _paint.Status(CheckStatus.Error, $"{_scopeErrors.Count}") + " (these parts were not checked)");
                foreach (var e in _scopeErrors) o.Under($"{e.ErrorId}: {e.Message}");
            }

            if (notListed.Count > 0 && !restore)
            {
                var what = _show.IsDefault ? "nothing failing or warning" : "nothing --show asks for";
                o.Line("Not listed", Text.CutEnd($"{notListed.Count} VM(s) with {what}: " + string.Join(", ", notListed.Select(v => v.Name)), o.ValueWidth));
            }
            if (_show.IsDefault && _total.Of(CheckStatus.Pass) + _total.Of(CheckStatus.Skipped) > 0)
                o.Wrapped("", ("passes and skips are counted, not listed: --show all lists every check"), _paint.Dim);

            WriteNext(o);
        }

        /// <summary>The repair of the commonest fixable failure (a warning if nothing failing is fixable), as a dry run.</summary>
        private void WriteNext(SummaryLines o)
        {
            foreach (var status in new[] { CheckStatus.Fail, CheckStatus.Warning })
            {
                var fixable = Held.Where(r => r.Status == status)
                    .Select(r => (Result: r, Command: NextCommand.ForResult(r, _connection)))
                    .Where(x => x.Command != null)
                    .GroupBy(x => x.Result.CheckId)
                    .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal)
                    .FirstOrDefault();
                if (fixable == null) continue;
                var first = fixable.First();
                o.Line("Next", _paint.Command(first.Command!));
                o.Wrapped("", ($"repairs {fixable.Key} ({status}) on {first.Result.VmName}; {fixable.Count()} VM(s) have it; drop --dry-run and add --yes to apply"), _paint.Dim);
                return;
            }
            if (_total.Of(CheckStatus.Fail) + _total.Of(CheckStatus.Error) > 0)
                o.Line("Next", "no automatic repair applies: follow the fix lines above, then run this again");
            else if (_scopeErrors.Count > 0)
                o.Line("Next", "grant read access to the scopes above (Reader is enough), then run this again");
        }

        /// <summary>"1 fail · 3 skipped · 12 pass": the statuses present, worst first.</summary>
        private string Counts(StatusCounts counts, bool paint = true)
        {
            var parts = StatusOrder.Select(s => (Status: s, Count: counts.Of(s))).Where(p => p.Count > 0)
                .Select(p =>
                {
                    var text = $"{p.Count} {p.Status.ToString().ToLowerInvariant()}";
                    return paint ? _paint.Status(p.Status, text) : text;
                });
            return string.Join(" · ", parts.DefaultIfEmpty("none"));
        }

        /// <summary>Worst first: a failure, a check that could not run, a warning; skips alone, then a clean pass.</summary>
        private static int Rank(CheckStatus status) => status switch
        {
            CheckStatus.Fail => 0,
            CheckStatus.Error => 1,
            CheckStatus.Warning => 2,
            CheckStatus.Skipped => 3,
            _ => 4,
        };

        /// <summary>How many results of each status.</summary>
        private sealed class StatusCounts
        {
            private readonly Dictionary<CheckStatus, int> _counts = new();
            public int All { get; private set; }
            public void Add(CheckStatus status)
            {
                _counts[status] = Of(status) + 1;
                All++;
            }
            public int Of(CheckStatus status) => _counts.TryGetValue(status, out var n) ? n : 0;
        }

        /// <summary>One VM: its counts by status, and the results the report may list or cite (not the passes it only counts).</summary>
        private sealed class VmResults
        {
            public VmResults(CheckResult first)
            {
                Name = first.VmName.Length > 0 ? first.VmName : first.VmId;
                ResourceGroup = first.ResourceGroup;
            }

            public List<CheckResult> Results { get; } = new();
            public StatusCounts Counts { get; } = new();
            public string Name { get; }
            public string ResourceGroup { get; }
            /// <summary>The worst status but Skipped (a VM with only skips is Skipped).</summary>
            public CheckStatus Worst
            {
                get
                {
                    foreach (var status in StatusOrder)
                        if (status != CheckStatus.Skipped && Counts.Of(status) > 0) return status;
                    return CheckStatus.Skipped;
                }
            }
            public int Count(CheckStatus status) => Counts.Of(status);
        }
    }

    /// <summary>What a <see cref="ResultReport"/> is about: a scan of VMs, or the pre-checks of one planned restore.</summary>
    public enum ReportSubject
    {
        Readiness,
        Restore,
    }
}
