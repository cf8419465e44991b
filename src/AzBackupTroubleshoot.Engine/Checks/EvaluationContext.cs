using System;
using System.Collections.Generic;
using System.Globalization;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// What a check may know besides the facts: the moment it judges at, the language its texts are rendered in, and
    /// identities only the caller can give. Kept apart from the facts, so the same saved inventory can be judged at
    /// another time, in another language, with other identities.
    /// </summary>
    public sealed record EvaluationContext
    {
        /// <summary>"Now" for the checks (a job running for more than 12 hours); fixed in tests and golden files.</summary>
        public DateTimeOffset EvaluatedAt { get; init; } = DateTimeOffset.UtcNow;

        /// <summary>The language of the results' titles, messages and fixes.</summary>
        public KnowledgeLanguage Language { get; init; } = KnowledgeLanguage.En;

        /// <summary>
        /// Object ids of the Backup Management Service's principal in the tenant. ARM lists key vault access policies by
        /// object id only; with this the key vault check can tell Backup's policy apart.
        /// </summary>
        public IReadOnlyList<string> BackupServiceObjectIds { get; init; } = Array.Empty<string>();

        /// <summary>A context for <paramref name="culture"/> (it-* Italian, pt-* Portuguese, else and when null English).</summary>
        public static EvaluationContext For(CultureInfo? culture, DateTimeOffset? evaluatedAt = null, IReadOnlyList<string>? backupServiceObjectIds = null)
            => new()
            {
                Language = KnowledgeLanguages.FromCulture(culture),
                EvaluatedAt = evaluatedAt ?? DateTimeOffset.UtcNow,
                BackupServiceObjectIds = backupServiceObjectIds ?? Array.Empty<string>(),
            };
    }
}
