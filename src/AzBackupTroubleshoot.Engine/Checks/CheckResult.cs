using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// One check's verdict for one VM: the object cmdlets write and the CLI prints. Plain data, JSON-clean, no Azure SDK types.
    /// </summary>
    public sealed class CheckResult
    {
        public string VmId { get; set; } = "";
        public string VmName { get; set; } = "";
        public string ResourceGroup { get; set; } = "";
        public string SubscriptionId { get; set; } = "";
        public string CheckId { get; set; } = "";
        public string Title { get; set; } = "";
        public CheckStatus Status { get; set; }
        public CheckSeverity Severity { get; set; }
        public string[] Codes { get; set; } = Array.Empty<string>();
        public string Message { get; set; } = "";
        public string? Remediation { get; set; }
        public string? RepairCommand { get; set; }
        public Evidence[] Evidence { get; set; } = Array.Empty<Evidence>();
        public string DocPage { get; set; } = "";
        /// <summary>The language of Title, Message and Remediation: "en", "it" or "pt". Evidence and ids stay as ARM gave them.</summary>
        public string Language { get; set; } = "en";

        /// <summary>The result of <paramref name="check"/> about <paramref name="subject"/>, its texts rendered in <paramref name="language"/>.
        /// Codes and the repair command only accompany a failure or warning.</summary>
        public static CheckResult From(Check check, CheckSubject subject, CheckOutcome outcome, KnowledgeLanguage language = KnowledgeLanguage.En)
        {
            var failing = outcome.Status == CheckStatus.Fail || outcome.Status == CheckStatus.Warning;
            return new CheckResult
            {
                VmId = subject.VmId,
                VmName = subject.VmName,
                ResourceGroup = subject.ResourceGroup,
                SubscriptionId = subject.SubscriptionId,
                CheckId = check.Id,
                Title = check.TitleIn(language),
                Status = outcome.Status,
                Severity = check.Severity,
                Codes = failing ? (outcome.Codes ?? check.ErrorCodes).ToArray() : Array.Empty<string>(),
                Message = outcome.Message.Render(language),
                Remediation = outcome.Remediation?.Render(language),
                RepairCommand = failing ? check.RepairCommand : null,
                Evidence = outcome.Evidence.ToArray(),
                DocPage = check.DocPage,
                Language = language.Key(),
            };
        }
    }
}
