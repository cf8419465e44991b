using System;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>
    /// Why one backup job failed (or warned, or overruns), as far as the job's error, the knowledge base and the VM's
    /// readiness checks tell. Plain data, JSON-clean, no Azure SDK types: what Get-AzVmBackupFailure writes and azbt prints.
    /// </summary>
    public sealed class BackupFailureDiagnosis
    {
        public string VmId { get; set; } = "";
        public string VmName { get; set; } = "";
        public string ResourceGroup { get; set; } = "";
        public string SubscriptionId { get; set; } = "";
        public string VaultId { get; set; } = "";
        public string VaultName { get; set; } = "";
        public string JobId { get; set; } = "";
        public string JobName { get; set; } = "";
        public string? Operation { get; set; }

        /// <summary>The job's status as the vault reports it: Failed, CompletedWithWarnings, InProgress, ...</summary>
        public string? JobStatus { get; set; }

        public FailureKind Kind { get; set; }
        public DateTimeOffset? StartTime { get; set; }

        /// <summary>ISO 8601, as the vault reports it (PT41M12S).</summary>
        public string? Duration { get; set; }

        /// <summary>The job's errorDetails, as the service wrote them.</summary>
        public JobErrorInfo[] Errors { get; set; } = Array.Empty<JobErrorInfo>();

        /// <summary>extendedInfo.dynamicErrorMessage: the service's unlocalized message, often the most specific one.</summary>
        public string? DynamicErrorMessage { get; set; }

        /// <summary>One line saying what went wrong: the job's first error message, or why an overrunning job is reported.</summary>
        public string? ErrorMessage { get; set; }

        /// <summary>The language the texts below are in: en, it or pt.</summary>
        public string Language { get; set; } = "en";

        /// <summary>The knowledge base entry the job's error is; null when nothing matched with confidence.</summary>
        public KnowledgeMatch? Match { get; set; }

        /// <summary>For errors that only wrap another one (UserErrorCrpReportedUserError): the message of the component that really failed.</summary>
        public string? UnderlyingDetail { get; set; }

        /// <summary>The knowledge base entry the underlying detail is, when it is one.</summary>
        public KnowledgeMatch? DetailMatch { get; set; }

        /// <summary>The cause from the knowledge base: of the underlying detail's entry when there is one, else of the job's entry.</summary>
        public string? Cause { get; set; }

        /// <summary>Ordered steps from the same entry as <see cref="Cause"/>.</summary>
        public string[] Remediation { get; set; } = Array.Empty<string>();

        /// <summary>The readiness checks that see this error coming, run on the VM now: the evidence.</summary>
        public CheckResult[] RelatedChecks { get; set; } = Array.Empty<CheckResult>();

        /// <summary>The related check whose failure explains the job, if any.</summary>
        public string? CauseCheckId { get; set; }

        /// <summary>The failing related check's finding, else the knowledge base's cause, else "no known cause".</summary>
        public string MostLikelyCause { get; set; } = "";

        /// <summary>This module's command that repairs it, when there is one.</summary>
        public string? RepairCommand { get; set; }
    }

    /// <summary>Why a job is reported.</summary>
    public enum FailureKind
    {
        Failed,
        CompletedWithWarnings,
        /// <summary>Still running, for longer than such a job should take (backup 12 h, restore 6 h).</summary>
        LongRunning,
    }

    /// <summary>One entry of the job's errorDetails (AzureIaaSVMErrorInfo in the REST spec).</summary>
    public sealed class JobErrorInfo
    {
        /// <summary>The numeric code; only a few (320001, 400094, 380008) are documented, 0 when absent.</summary>
        public long ErrorCode { get; set; }
        public string? ErrorTitle { get; set; }

        /// <summary>Localized by the service in the vault's language.</summary>
        public string? ErrorString { get; set; }
        public string[] Recommendations { get; set; } = Array.Empty<string>();
    }

    /// <summary>A knowledge base entry chosen for an error, and how.</summary>
    public sealed class KnowledgeMatch
    {
        public string Code { get; set; } = "";

        /// <summary>The entry's title in the diagnosis language.</summary>
        public string Title { get; set; } = "";

        /// <summary>1 for codes; the message similarity (0.5..1) for wording.</summary>
        public double Score { get; set; }

        public MatchSource MatchedBy { get; set; }

        /// <summary>The code, message or title of the entry that matched.</summary>
        public string MatchedText { get; set; } = "";
    }

    public enum MatchSource
    {
        /// <summary>The numeric errorCode is one the knowledge base knows (320001, 400094, 380008).</summary>
        ErrorCode,
        /// <summary>A code or alias in errorTitle or in the message text.</summary>
        Code,
        /// <summary>The wording of the message.</summary>
        Message,
        /// <summary>The job's running time (an overrunning job has no error yet).</summary>
        JobDuration,
    }
}
