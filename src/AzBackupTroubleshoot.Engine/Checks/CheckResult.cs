using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Inventory;

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

        public static CheckResult From(ReadinessCheck check, VmInventory vm, CheckOutcome outcome)
        {
            var failing = outcome.Status == CheckStatus.Fail || outcome.Status == CheckStatus.Warning;
            return new CheckResult
            {
                VmId = vm.VmId,
                VmName = vm.Name,
                ResourceGroup = vm.ResourceGroup,
                SubscriptionId = vm.SubscriptionId,
                CheckId = check.Id,
                Title = check.Title,
                Status = outcome.Status,
                Severity = check.Severity,
                Codes = failing ? (outcome.Codes ?? check.ErrorCodes).ToArray() : Array.Empty<string>(),
                Message = outcome.Message,
                Remediation = outcome.Remediation,
                RepairCommand = failing ? check.RepairCommand : null,
                Evidence = outcome.Evidence.ToArray(),
                DocPage = check.DocPage,
            };
        }
    }
}
