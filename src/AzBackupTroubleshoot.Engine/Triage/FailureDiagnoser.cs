using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Xml;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Jobs;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>
    /// Turns one job of a VM into a <see cref="BackupFailureDiagnosis"/>: matches the job's error to the knowledge base,
    /// runs the related readiness checks on the VM's inventory as evidence and picks the most likely cause. Pure: no I/O.
    /// </summary>
    public sealed class FailureDiagnoser
    {
        /// <summary>The knowledge base entry for a job that runs too long (it has no error to match yet).</summary>
        public const string LongRunningCode = "NoCode.BackupOrRestoreTakesLong";

        private readonly KnowledgeBase _kb;
        private readonly Phrases _phrases;
        private readonly KnowledgeLanguage _language;
        private readonly EvaluationContext _context;
        private readonly JobErrorMatcher _matcher;
        private readonly RelatedChecks _related;

        /// <param name="context">The time jobs are judged at and Backup's identities; its language is <paramref name="culture"/>'s.</param>
        public FailureDiagnoser(CultureInfo? culture = null, KnowledgeBase? kb = null, Phrases? phrases = null, EvaluationContext? context = null)
        {
            _kb = kb ?? KnowledgeBase.Default;
            _phrases = phrases ?? Phrases.Default;
            _language = KnowledgeLanguages.FromCulture(culture ?? new CultureInfo("en-US"));
            _context = (context ?? new EvaluationContext()) with { Language = _language };
            _matcher = new JobErrorMatcher(_kb);
            _related = new RelatedChecks(_kb);
        }

        /// <summary>The VM's jobs worth a diagnosis, newest first: failed, completed with warnings, or running past their limit.</summary>
        public IEnumerable<JsonElement> JobsToDiagnose(VmInventory vm)
            => vm.Jobs.Where(job => KindOf(vm, job) != null).OrderByDescending(Start);

        public BackupFailureDiagnosis Diagnose(VmInventory vm, JsonElement job)
        {
            var kind = KindOf(vm, job) ?? throw new ArgumentException($"Job {job.Id()} has neither failed nor overrun; nothing to diagnose.", nameof(job));
            var error = JobError.Read(job);
            var diagnosis = Describe(vm, job, kind, error);

            EntryMatch? match;
            EntryMatch? detailMatch = null;
            if (kind == FailureKind.LongRunning)
            {
                match = new EntryMatch(_kb.FindByCode(LongRunningCode)!, 1.0, MatchSource.JobDuration, diagnosis.Duration ?? "");
            }
            else
            {
                match = _matcher.Match(error);
                if (match != null && _matcher.UnderlyingDetail(error, match.Entry) is var (detail, found))
                {
                    diagnosis.UnderlyingDetail = detail;
                    detailMatch = found;
                }
            }
            diagnosis.Match = match?.Localize(_language);
            diagnosis.DetailMatch = detailMatch?.Localize(_language);
            Explain(diagnosis, vm, detailMatch?.Entry, match?.Entry);
            return diagnosis;
        }

        /// <summary>Fills the evidence, the most likely cause, the fix and the repair from the entries found (the detail's first).</summary>
        private void Explain(BackupFailureDiagnosis diagnosis, VmInventory vm, ErrorEntry? detailEntry, ErrorEntry? entry)
        {
            var entries = new[] { detailEntry, entry }.Where(e => e != null).Select(e => e!).ToList();
            if (entries.Count == 0)
            {
                diagnosis.MostLikelyCause = _phrases.Text("noKnownCause", _language);
                return;
            }

            var checks = entries.SelectMany(e => _related.For(e).Select(c => (Check: c, Entry: e)))
                .GroupBy(x => x.Check).Select(g => g.First()).ToList();
            var results = new CheckRunner<VmInventory>(checks.Select(x => x.Check).ToList(), _context).Run(vm).ToList();
            diagnosis.RelatedChecks = results.ToArray();

            var explaining = checks
                .Select(x => (x.Check, x.Entry, Result: results.FirstOrDefault(r => r.CheckId == x.Check.Id)))
                .Where(x => x.Result != null && _related.Explains(x.Result, x.Check, x.Entry))
                .OrderBy(x => x.Result!.Status == CheckStatus.Fail ? 0 : 1)
                .Select(x => x.Result)
                .FirstOrDefault();

            var effective = entries[0].Localize(_language);
            diagnosis.Cause = effective.Cause;
            diagnosis.Remediation = effective.Remediation.ToArray();
            diagnosis.RepairCommand = entries[0].RepairedBy ?? explaining?.RepairCommand;
            diagnosis.CauseCheckId = explaining?.CheckId;
            diagnosis.MostLikelyCause = explaining != null
                ? _phrases.Format("failingCheck", _language, ("check", explaining.CheckId), ("message", explaining.Message))
                : results.Count > 0
                    ? _phrases.Format("knownCause", _language, ("cause", effective.Cause))
                    : effective.Cause;
        }

        private BackupFailureDiagnosis Describe(VmInventory vm, JsonElement job, FailureKind kind, JobError error)
        {
            var jobId = job.Id();
            var vaultId = VaultOf(jobId);
            var diagnosis = new BackupFailureDiagnosis
            {
                VmId = vm.VmId,
                VmName = vm.Name,
                ResourceGroup = vm.ResourceGroup,
                SubscriptionId = vm.SubscriptionId,
                VaultId = vaultId,
                VaultName = ArmIds.NameOf(vaultId),
                JobId = jobId,
                JobName = ArmIds.NameOf(jobId),
                Operation = job.Str("properties.operation"),
                JobStatus = job.Str("properties.status"),
                Kind = kind,
                StartTime = Start(job),
                Duration = job.Str("properties.duration"),
                Errors = error.Details.ToArray(),
                DynamicErrorMessage = error.DynamicMessage,
                Language = _language.Key(),
            };
            if (kind == FailureKind.LongRunning)
            {
                var elapsed = _context.EvaluatedAt - diagnosis.StartTime!.Value;
                diagnosis.Duration = XmlConvert.ToString(elapsed);
                diagnosis.ErrorMessage = _phrases.Format("longRunning", _language,
                    ("operation", diagnosis.Operation), ("hours", Math.Floor(elapsed.TotalHours)), ("limit", LimitFor(diagnosis.Operation).TotalHours));
            }
            else
            {
                diagnosis.ErrorMessage = error.Details.Select(d => d.ErrorString).Concat(new[] { error.DynamicMessage })
                    .FirstOrDefault(m => !string.IsNullOrWhiteSpace(m));
            }
            return diagnosis;
        }

        private FailureKind? KindOf(VmInventory vm, JsonElement job)
        {
            var status = job.Str("properties.status");
            if (Is(status, "Failed")) return FailureKind.Failed;
            if (Is(status, "CompletedWithWarnings")) return FailureKind.CompletedWithWarnings;
            if ((Is(status, "InProgress") || Is(status, "Cancelling")) && Start(job) is DateTimeOffset started)
            {
                var operation = job.Str("properties.operation");
                if ((Is(operation, "Backup") || Is(operation, "Restore")) && _context.EvaluatedAt - started > LimitFor(operation))
                    return FailureKind.LongRunning;
            }
            return null;
        }

        // The same limits the readiness check warns on, so a scan and a triage agree on "too long".
        private static TimeSpan LimitFor(string? operation)
            => Is(operation, "Restore") ? BackupInProgressCheck.LongRestore : BackupInProgressCheck.LongBackup;

        private static DateTimeOffset? Start(JsonElement job)
            => DateTimeOffset.TryParse(job.Str("properties.startTime"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : (DateTimeOffset?)null;

        /// <summary>The vault of a job id ({vault}/backupJobs/{name}).</summary>
        internal static string VaultOf(string jobId)
        {
            var marker = jobId.IndexOf("/backupJobs/", StringComparison.OrdinalIgnoreCase);
            return marker < 0 ? "" : jobId.Substring(0, marker);
        }

        private static bool Is(string? value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);
    }
}
