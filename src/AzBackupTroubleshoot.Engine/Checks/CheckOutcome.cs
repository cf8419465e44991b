using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>What a check returns: a status, a message in plain words, the fix, and the evidence it saw.</summary>
    public sealed class CheckOutcome
    {
        private CheckOutcome(CheckStatus status, string message, string? remediation, IReadOnlyList<string>? codes, IReadOnlyList<Evidence> evidence)
        {
            Status = status;
            Message = message;
            Remediation = remediation;
            Codes = codes;
            Evidence = evidence;
        }

        public CheckStatus Status { get; }
        public string Message { get; }
        public string? Remediation { get; }
        /// <summary>The error codes this outcome stands for; null means all of the check's codes.</summary>
        public IReadOnlyList<string>? Codes { get; }
        public IReadOnlyList<Evidence> Evidence { get; }

        public static CheckOutcome Pass(string message, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Pass, message, null, Array.Empty<string>(), evidence);

        public static CheckOutcome Fail(string message, string remediation, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Fail, message, remediation, null, evidence);

        public static CheckOutcome Warning(string message, string remediation, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Warning, message, remediation, null, evidence);

        public static CheckOutcome Skipped(string reason, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Skipped, reason, null, Array.Empty<string>(), evidence);

        public static CheckOutcome Error(string message)
            => new CheckOutcome(CheckStatus.Error, message, null, Array.Empty<string>(), Array.Empty<Evidence>());

        /// <summary>The same outcome narrowed to the codes actually observed (e.g. only ExtensionStuckInDeletionState).</summary>
        public CheckOutcome WithCodes(params string[] codes)
            => new CheckOutcome(Status, Message, Remediation, codes.Distinct().ToArray(), Evidence);
    }
}
