using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>
    /// The numbers every report format leads with, computed once from a set of results: counts by status, VMs by
    /// their worst status, per check, per subscription and resource group, and the findings that need action.
    /// </summary>
    public sealed class ReportSummary
    {
        private ReportSummary(IReadOnlyList<CheckResult> results)
        {
            Results = results;
            ByStatus = AllStatuses.ToDictionary(s => s, s => results.Count(r => r.Status == s));
            Vms = results.GroupBy(r => VmKey(r), StringComparer.OrdinalIgnoreCase)
                .Select(g => new VmSummary(g.First().VmName, g.First().VmId, g.First().SubscriptionId, g.First().ResourceGroup, Worst(g.Select(r => r.Status))))
                .OrderByDescending(v => Rank(v.WorstStatus)).ThenBy(v => v.VmName, StringComparer.OrdinalIgnoreCase)
                .ToList();
            Checks = results.GroupBy(r => r.CheckId, StringComparer.OrdinalIgnoreCase)
                .Select(g => new CheckSummary(g.Key, g.First().Title, g.First().Severity, AllStatuses.ToDictionary(s => s, s => g.Count(r => r.Status == s))))
                .OrderByDescending(c => c.Count(CheckStatus.Fail)).ThenByDescending(c => c.Count(CheckStatus.Warning)).ThenBy(c => c.CheckId, StringComparer.Ordinal)
                .ToList();
            Scopes = results.GroupBy(r => (r.SubscriptionId.ToLowerInvariant(), r.ResourceGroup.ToLowerInvariant()))
                .Select(g => new ScopeSummary(g.First().SubscriptionId, g.First().ResourceGroup,
                    g.Select(VmKey).Distinct(StringComparer.OrdinalIgnoreCase).Count(),
                    g.Count(r => r.Status == CheckStatus.Fail), g.Count(r => r.Status == CheckStatus.Warning), g.Count(r => r.Status == CheckStatus.Error)))
                .OrderByDescending(s => s.Failed).ThenBy(s => s.SubscriptionId, StringComparer.OrdinalIgnoreCase).ThenBy(s => s.ResourceGroup, StringComparer.OrdinalIgnoreCase)
                .ToList();
            Findings = results.Where(NeedsAction)
                .OrderByDescending(r => Rank(r.Status)).ThenByDescending(r => r.Severity)
                .ThenBy(r => r.VmName, StringComparer.OrdinalIgnoreCase).ThenBy(r => r.CheckId, StringComparer.Ordinal)
                .ToList();
            Languages = results.Select(r => r.Language).Where(l => !string.IsNullOrEmpty(l)).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        }

        /// <summary>Every status, in the order reports list them (worst first).</summary>
        public static readonly CheckStatus[] AllStatuses = { CheckStatus.Fail, CheckStatus.Error, CheckStatus.Warning, CheckStatus.Skipped, CheckStatus.Pass };

        public static ReportSummary Of(IEnumerable<CheckResult> results) => new ReportSummary(results.ToList());

        public IReadOnlyList<CheckResult> Results { get; }
        public IReadOnlyDictionary<CheckStatus, int> ByStatus { get; }
        public IReadOnlyList<VmSummary> Vms { get; }
        public IReadOnlyList<CheckSummary> Checks { get; }
        public IReadOnlyList<ScopeSummary> Scopes { get; }
        /// <summary>Fail, Error and Warning results, worst first: what a reader has to act on.</summary>
        public IReadOnlyList<CheckResult> Findings { get; }
        /// <summary>The languages the results' texts are in ("en", "it", "pt"), usually one.</summary>
        public IReadOnlyList<string> Languages { get; }

        public int VmsWith(CheckStatus worst) => Vms.Count(v => v.WorstStatus == worst);

        public static bool NeedsAction(CheckResult r) => NeedsAction(r.Status);

        public static bool NeedsAction(CheckStatus s) => s == CheckStatus.Fail || s == CheckStatus.Warning || s == CheckStatus.Error;

        /// <summary>How bad a status is, for "worst first" ordering: Fail, Error, Warning, Skipped, Pass.</summary>
        public static int Rank(CheckStatus status) => status switch
        {
            CheckStatus.Fail => 4,
            CheckStatus.Error => 3,
            CheckStatus.Warning => 2,
            CheckStatus.Skipped => 1,
            _ => 0,
        };

        public static CheckStatus Worst(IEnumerable<CheckStatus> statuses) =>
            statuses.DefaultIfEmpty(CheckStatus.Pass).OrderByDescending(Rank).First();

        private static string VmKey(CheckResult r) => string.IsNullOrEmpty(r.VmId) ? r.VmName : r.VmId;
    }

    public sealed class VmSummary
    {
        public VmSummary(string vmName, string vmId, string subscriptionId, string resourceGroup, CheckStatus worstStatus)
            => (VmName, VmId, SubscriptionId, ResourceGroup, WorstStatus) = (vmName, vmId, subscriptionId, resourceGroup, worstStatus);

        public string VmName { get; }
        public string VmId { get; }
        public string SubscriptionId { get; }
        public string ResourceGroup { get; }
        public CheckStatus WorstStatus { get; }
    }

    public sealed class CheckSummary
    {
        private readonly IReadOnlyDictionary<CheckStatus, int> _counts;

        public CheckSummary(string checkId, string title, CheckSeverity severity, IReadOnlyDictionary<CheckStatus, int> counts)
            => (CheckId, Title, Severity, _counts) = (checkId, title, severity, counts);

        public string CheckId { get; }
        public string Title { get; }
        public CheckSeverity Severity { get; }
        public int Count(CheckStatus status) => _counts.TryGetValue(status, out var n) ? n : 0;
    }

    public sealed class ScopeSummary
    {
        public ScopeSummary(string subscriptionId, string resourceGroup, int vms, int failed, int warnings, int errors)
            => (SubscriptionId, ResourceGroup, Vms, Failed, Warnings, Errors) = (subscriptionId, resourceGroup, vms, failed, warnings, errors);

        public string SubscriptionId { get; }
        public string ResourceGroup { get; }
        public int Vms { get; }
        public int Failed { get; }
        public int Warnings { get; }
        public int Errors { get; }
    }
}
