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
        private JobError(IReadOnlyList<JobErrorInfo> details, string? dynamicMessage, string? entityName)
        {
            Details = details;
            DynamicMessage = dynamicMessage;
            EntityName = entityName;
        }

        /// <summary>The job's entityFriendlyName: what errorTitle often holds instead of a code ("the entity the error pertains to").</summary>
        public string? EntityName { get; }

        /// <summary>
        /// Titles that may say something about the error: not empty, not the job's entity (its VM name), not only a number.
        /// The spec calls errorTitle the entity the error pertains to; some services put a code or a short title there.
        /// </summary>
        public IEnumerable<string> MeaningfulTitles
            => Details.Select(d => d.ErrorTitle?.Trim()).Where(t => !string.IsNullOrEmpty(t)
                    && !string.Equals(t, EntityName, StringComparison.OrdinalIgnoreCase)
                    && !t!.All(c => char.IsDigit(c) || c == '-'))
                .Select(t => t!);

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
                ErrorCode = d.Long("errorCode") ?? 0, // int32 in the spec; Json.Long also reads it written as text
                ErrorTitle = d.Str("errorTitle"),
                ErrorString = d.Str("errorString"),
                Recommendations = d.Array("recommendations").Select(r => r.ValueKind == JsonValueKind.String ? r.GetString() : null)
                    .Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => r!).ToArray(),
            }).ToList();
            return new JobError(details, job.Str("properties.extendedInfo.dynamicErrorMessage"), job.Str("properties.entityFriendlyName"));
        }

        /// <summary>
        /// Whether a failed job's listed form lacks what a diagnosis needs: the list of BackupJobs_List may carry the
        /// errorDetails without extendedInfo (where the dynamic message, e.g. Compute's own, lives), or neither.
        /// </summary>
        public static bool NeedsDetails(JsonElement job)
            => job.Array("properties.errorDetails").Count == 0 || job.At("properties.extendedInfo") == null;
    }
}
