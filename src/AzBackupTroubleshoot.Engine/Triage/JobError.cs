using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>
    /// The error a backup job carries, read from the AzureIaaSVMJob shape of the REST spec: properties.errorDetails[]
    /// {errorCode, errorTitle, errorString, recommendations} and properties.extendedInfo.dynamicErrorMessage.
    /// </summary>
    internal sealed class JobError
    {
        private JobError(IReadOnlyList<JobErrorInfo> details, string? dynamicMessage)
        {
            Details = details;
            DynamicMessage = dynamicMessage;
        }

        public IReadOnlyList<JobErrorInfo> Details { get; }
        public string? DynamicMessage { get; }

        /// <summary>Every message the job holds, the most specific (the dynamic message) first, each once.</summary>
        public IReadOnlyList<string> Messages
            => new[] { DynamicMessage }.Concat(Details.Select(d => d.ErrorString))
                .Where(m => !string.IsNullOrWhiteSpace(m)).Select(m => m!.Trim())
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        public static JobError Read(JsonElement job)
        {
            var details = job.Array("properties.errorDetails").Select(d => new JobErrorInfo
            {
                ErrorCode = d.Long("errorCode") ?? 0,
                ErrorTitle = d.Str("errorTitle"),
                ErrorString = d.Str("errorString"),
                Recommendations = d.Array("recommendations").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : null)
                    .Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).ToArray(),
            }).ToList();
            return new JobError(details, job.Str("properties.extendedInfo.dynamicErrorMessage"));
        }

        /// <summary>
        /// Whether a failed job's listed form lacks what a diagnosis needs: the list of BackupJobs_List may carry the
        /// errorDetails without extendedInfo (where the dynamic message, e.g. Compute's own, lives), or neither.
        /// </summary>
        public static bool NeedsDetails(JsonElement job)
            => job.Array("properties.errorDetails").Count == 0 || job.At("properties.extendedInfo") == null;
    }
}
