using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// A backup job as read from the vault, reduced to what cancelling it needs. An engine type on purpose: the cmdlets
    /// hold it between reading and cancelling, and a System.Text.Json type in that place would cross from the engine's
    /// load context into PowerShell's, where it is a different type (docs/module.md, "The engine's boundary").
    /// </summary>
    public sealed record BackupJob(string Id, string Name, string Status, string? JobType, string VmName, IReadOnlyList<string> Actions)
    {
        internal static BackupJob FromArm(JsonElement job) => new BackupJob(
            job.Id(),
            job.Str("name") ?? job.Id(),
            job.Str("properties.status") ?? "Unknown",
            job.Str("properties.jobType"),
            job.Str("properties.entityFriendlyName") ?? "",
            job.Array("properties.actionsInfo").Where(a => a.ValueKind == JsonValueKind.String).Select(a => a.GetString()!).ToList());
    }
}
