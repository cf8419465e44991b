using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>One job's diagnosis, streamed by <see cref="BackupFailureTriage"/> among the scan's scope errors and progress.</summary>
    public sealed record DiagnosisEvent(BackupFailureDiagnosis Diagnosis) : ScanEvent;
}
