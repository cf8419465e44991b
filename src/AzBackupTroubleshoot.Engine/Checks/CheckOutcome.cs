using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// What a check returns: a status, a message, the fix, and the evidence it saw. Message and fix are <see cref="CheckText"/>s
    /// (keys and values), rendered in the user's language only when the result is built (<see cref="CheckResult.From"/>).
    /// </summary>
    public sealed class CheckOutcome
    {
        private CheckOutcome(CheckStatus status, CheckText message, CheckText? remediation, IReadOnlyList<string>? codes, IReadOnlyList<Evidence> evidence)
        {
            Status = status;
            Message = message;
            Remediation = remediation;
            Codes = codes;
            Evidence = evidence;
        }

        public CheckStatus Status { get; }
        public CheckText Message { get; }
        public CheckText? Remediation { get; }
        /// <summary>The error codes this outcome stands for; null means all of the check's codes.</summary>
        public IReadOnlyList<string>? Codes { get; }
        public IReadOnlyList<Evidence> Evidence { get; }

        public static CheckOutcome Pass(CheckText message, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Pass, message, null, Array.Empty<string>(), evidence);

        public static CheckOutcome Fail(CheckText message, CheckText remediation, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Fail, message, remediation, null, evidence);

        public static CheckOutcome Warning(CheckText message, CheckText remediation, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Warning, message, remediation, null, evidence);

        public static CheckOutcome Skipped(CheckText reason, params Evidence[] evidence)
            => new CheckOutcome(CheckStatus.Skipped, reason, null, Array.Empty<string>(), evidence);

        public static CheckOutcome Error(CheckText message)
            => new CheckOutcome(CheckStatus.Error, message, null, Array.Empty<string>(), Array.Empty<Evidence>());

        /// <summary>The same outcome narrowed to the codes actually observed (e.g. only ExtensionStuckInDeletionState).</summary>
        public CheckOutcome WithCodes(params string[] codes)
            => new CheckOutcome(Status, Message, Remediation, codes.Distinct().ToArray(), Evidence);
    }
}
