using System;
using System.Linq;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.PowerShell.Output
{
    /// <summary>
    /// What Get-AzVmBackupFailure writes for one job: the engine's <see cref="BackupFailureDiagnosis"/> with names for
    /// its enums and lists that print as text, so ConvertTo-Json and Export-Csv read as the console does.
    /// </summary>
    public sealed class BackupJobDiagnosis
    {
        internal BackupJobDiagnosis(BackupFailureDiagnosis diagnosis)
        {
            VmId = diagnosis.VmId;
            VmName = diagnosis.VmName;
            ResourceGroup = diagnosis.ResourceGroup;
            SubscriptionId = diagnosis.SubscriptionId;
            VaultId = diagnosis.VaultId;
            VaultName = diagnosis.VaultName;
            JobId = diagnosis.JobId;
            JobName = diagnosis.JobName;
            Operation = diagnosis.Operation;
            JobStatus = diagnosis.JobStatus;
            Kind = diagnosis.Kind.ToString();
            StartTime = diagnosis.StartTime;
            Duration = diagnosis.Duration;
            Errors = new DisplayList<JobErrorInfo>(diagnosis.Errors, e => $"{e.ErrorCode} {e.ErrorTitle}: {e.ErrorString}".Trim());
            DynamicErrorMessage = diagnosis.DynamicErrorMessage;
            ErrorMessage = diagnosis.ErrorMessage;
            Language = diagnosis.Language;
            Match = diagnosis.Match == null ? null : new BackupKnowledgeMatch(diagnosis.Match);
            UnderlyingDetail = diagnosis.UnderlyingDetail;
            DetailMatch = diagnosis.DetailMatch == null ? null : new BackupKnowledgeMatch(diagnosis.DetailMatch);
            Cause = diagnosis.Cause;
            Remediation = new DisplayList<string>(diagnosis.Remediation);
            RelatedChecks = new DisplayList<BackupCheckResult>(diagnosis.RelatedChecks.Select(c => new BackupCheckResult(c)));
            CauseCheckId = diagnosis.CauseCheckId;
            MostLikelyCause = diagnosis.MostLikelyCause;
            RepairCommand = diagnosis.RepairCommand;
        }

        public string VmId { get; }
        public string VmName { get; }
        public string ResourceGroup { get; }
        public string SubscriptionId { get; }
        public string VaultId { get; }
        public string VaultName { get; }
        public string JobId { get; }
        public string JobName { get; }
        public string? Operation { get; }

        /// <summary>The job's status as the vault reports it: Failed, CompletedWithWarnings, InProgress, ...</summary>
        public string? JobStatus { get; }

        /// <summary>Why the job is reported: Failed, CompletedWithWarnings or LongRunning.</summary>
        public string Kind { get; }

        public DateTimeOffset? StartTime { get; }
        public string? Duration { get; }

        /// <summary>The job's errorDetails; as text, "errorCode errorTitle: errorString; ...".</summary>
        public DisplayList<JobErrorInfo> Errors { get; }

        public string? DynamicErrorMessage { get; }
        public string? ErrorMessage { get; }
        public string Language { get; }
        public BackupKnowledgeMatch? Match { get; }
        public string? UnderlyingDetail { get; }
        public BackupKnowledgeMatch? DetailMatch { get; }
        public string? Cause { get; }
        public DisplayList<string> Remediation { get; }

        /// <summary>The readiness checks that see this error coming, run on the VM now; as text, "VM check: Status; ...".</summary>
        public DisplayList<BackupCheckResult> RelatedChecks { get; }

        public string? CauseCheckId { get; }
        public string MostLikelyCause { get; }
        public string? RepairCommand { get; }

        public override string ToString() => $"{VmName} {JobName}: {Kind}";
    }

    /// <summary>The knowledge-base entry a job's error was matched to, and how (ErrorCode, Code, Message or JobDuration).</summary>
    public sealed class BackupKnowledgeMatch
    {
        internal BackupKnowledgeMatch(KnowledgeMatch match)
        {
            Code = match.Code;
            Title = match.Title;
            Score = match.Score;
            MatchedBy = match.MatchedBy.ToString();
            MatchedText = match.MatchedText;
        }

        public string Code { get; }
        public string Title { get; }
        public double Score { get; }
        public string MatchedBy { get; }
        public string MatchedText { get; }

        public override string ToString() => Code;
    }
}
