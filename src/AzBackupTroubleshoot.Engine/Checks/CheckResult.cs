using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Inventory;
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

        /// <summary>The result of a readiness check, its texts rendered in <paramref name="language"/>.</summary>
        public static CheckResult From(ReadinessCheck check, VmInventory vm, CheckOutcome outcome, KnowledgeLanguage language = KnowledgeLanguage.En)
        {
            var result = Render(check.Id, check.TitleIn(language), check.Severity, check.ErrorCodes, check.RepairCommand, check.DocPage, outcome, language);
            result.VmId = vm.VmId;
            result.VmName = vm.Name;
            result.ResourceGroup = vm.ResourceGroup;
            result.SubscriptionId = vm.SubscriptionId;
            return result;
        }

        /// <summary>
        /// The part of a result that comes from a check and its outcome, shared by readiness checks and restore pre-checks.
        /// Codes and the repair command only accompany a failure or warning.
        /// </summary>
        internal static CheckResult Render(string checkId, string title, CheckSeverity severity, IReadOnlyList<string> declaredCodes,
            string? repairCommand, string docPage, CheckOutcome outcome, KnowledgeLanguage language)
        {
            var failing = outcome.Status == CheckStatus.Fail || outcome.Status == CheckStatus.Warning;
            return new CheckResult
            {
                CheckId = checkId,
                Title = title,
                Status = outcome.Status,
                Severity = severity,
                Codes = failing ? (outcome.Codes ?? declaredCodes).ToArray() : Array.Empty<string>(),
                Message = outcome.Message.Render(language),
                Remediation = outcome.Remediation?.Render(language),
                RepairCommand = failing ? repairCommand : null,
                Evidence = outcome.Evidence.ToArray(),
                DocPage = docPage,
                Language = language.Key(),
            };
        }
    }
}
