using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Management.Automation;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.PowerShell.Progress
{
    /// <summary>
    /// Turns the engine's <see cref="ProgressEvent"/> counts into Write-Progress records: the scan as a whole with an
    /// estimate of the time left, and under it bars of Resource Graph queries answered (when it is the source), VMs
    /// evaluated and restore point collections read.
    /// The engine reports at most every 250 ms and evaluates a subscription's VMs in one burst, so the cmdlet also
    /// moves the bars itself on each VM whose results it writes (<see cref="VmWritten"/>): one update per VM.
    /// The estimate is the time so far scaled by the share still to do; it is given only once some of the work is done.
    /// </summary>
    internal sealed class ScanProgressBars
    {
        private const int ScanId = 1, VmsId = 2, CollectionsId = 3, GraphId = 4;

        private readonly Stopwatch _elapsed = Stopwatch.StartNew();
        private readonly HashSet<string> _vmsWritten = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        private ProgressEvent? _last;
        private int _lastPercent;

        /// <summary>The records to write for one engine event, the scan first.</summary>
        public IReadOnlyList<ProgressRecord> For(ProgressEvent progress)
        {
            _last = progress;
            return Records();
        }

        /// <summary>The records to write when the first result of a VM goes out; none for a VM already counted.</summary>
        public IReadOnlyList<ProgressRecord> VmWritten(string vmId)
            => _last == null || !_vmsWritten.Add(vmId) ? Array.Empty<ProgressRecord>() : Records();

        private IReadOnlyList<ProgressRecord> Records()
        {
            var progress = _last!;
            var evaluated = Math.Max(progress.VmsEvaluated, _vmsWritten.Count);
            var found = Math.Max(progress.VmsFound, evaluated);
            var percent = Math.Max(_lastPercent, Math.Max(progress.PercentDone(evaluated), progress.PercentComplete));
            _lastPercent = percent;
            var records = new List<ProgressRecord>
            {
                new ProgressRecord(ScanId, Text(progress.Activity, "Scanning"), Text(progress.Status, "Starting"))
                {
                    PercentComplete = percent,
                    SecondsRemaining = SecondsRemaining(percent),
                },
            };
            if (progress.ResourceGraphQueriesTotal > 0)
                records.Add(Child(GraphId, "Querying Azure Resource Graph", progress.ResourceGraphQueriesDone, progress.ResourceGraphQueriesTotal,
                    string.Format(CultureInfo.InvariantCulture, "quer(ies) answered, {0:N0} rows read", progress.ResourceGraphRowsRead)));
            if (found > 0)
                records.Add(Child(VmsId, "Evaluating VMs", evaluated, found, "VM(s) evaluated"));
            if (progress.RestorePointCollectionsTotal > 0)
                records.Add(Child(CollectionsId, "Counting restore points", progress.RestorePointCollectionsRead, progress.RestorePointCollectionsTotal, "restore point collection(s) read"));
            return records;
        }

        /// <summary>Closes every bar that was shown.</summary>
        public IReadOnlyList<ProgressRecord> Completed()
        {
            if (_last == null) return Array.Empty<ProgressRecord>();
            var records = new List<ProgressRecord>();
            if (_last.ResourceGraphQueriesTotal > 0) records.Add(Done(GraphId, "Querying Azure Resource Graph", ScanId));
            if (_last.RestorePointCollectionsTotal > 0) records.Add(Done(CollectionsId, "Counting restore points", ScanId));
            if (_last.VmsFound > 0 || _vmsWritten.Count > 0) records.Add(Done(VmsId, "Evaluating VMs", ScanId));
            records.Add(Done(ScanId, Text(_last.Activity, "Scanning"), -1));
            return records;
        }

        private int SecondsRemaining(int percent)
        {
            if (percent <= 0 || percent >= 100) return -1;
            var seconds = _elapsed.Elapsed.TotalSeconds * (100 - percent) / percent;
            return (int)Math.Ceiling(seconds);
        }

        private static ProgressRecord Child(int id, string activity, int done, int total, string what)
            => new ProgressRecord(id, activity, string.Format(CultureInfo.InvariantCulture, "{0:N0} of {1:N0} {2}", done, total, what))
            {
                ParentActivityId = ScanId,
                PercentComplete = (int)Math.Min(100, 100L * done / total),
            };

        private static ProgressRecord Done(int id, string activity, int parent)
            => new ProgressRecord(id, activity, "Done") { ParentActivityId = parent, PercentComplete = 100, RecordType = ProgressRecordType.Completed };

        // ProgressRecord refuses empty texts.
        private static string Text(string? text, string fallback) => string.IsNullOrWhiteSpace(text) ? fallback : text!;
    }
}
