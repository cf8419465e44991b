using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Reports;

/// <summary>A small set of results with every status, and text that would break a careless writer.</summary>
public static class SampleResults
{
    public const string Sub = "11111111-2222-3333-4444-555555555555";

    public static List<CheckResult> Create() => new()
    {
        Result("vm-web-01", "rg-web", "Agent.Ready", CheckStatus.Fail, CheckSeverity.Critical, "The guest agent is not ready <script>alert(1)</script> | pipe",
            "Restart the agent, then retry.", new[] { "UserErrorGuestAgentStatusUnavailable" }, "Repair-AzVmBackupExtension -ResourceId x"),
        Result("vm-web-01", "rg-web", "Lock.VmResourceGroup", CheckStatus.Warning, CheckSeverity.Warning, "A delete lock sits on the group.\nSecond line.",
            "Lift it or let the repair do it.", new[] { "UserErrorRestorePointCollectionLimitReached" }, null),
        Result("vm-web-01", "rg-web", "Vm.PowerState", CheckStatus.Pass, CheckSeverity.Info, "Running.", null, Array.Empty<string>(), null),
        Result("vm-db-01", "rg-db", "Agent.Ready", CheckStatus.Pass, CheckSeverity.Critical, "Ready.", null, Array.Empty<string>(), null),
        Result("vm-db-01", "rg-db", "KeyVault.BackupAccess", CheckStatus.Error, CheckSeverity.Critical, "The check failed: =HYPERLINK(\"http://x\")", null, Array.Empty<string>(), null),
        Result("vm-db-01", "rg-db", "Vm.PowerState", CheckStatus.Skipped, CheckSeverity.Info, "The instance view could not be read.", null, Array.Empty<string>(), null),
        Result("vm-ok-01", "rg-db", "Agent.Ready", CheckStatus.Pass, CheckSeverity.Critical, "Ready.", null, Array.Empty<string>(), null),
    };

    private static CheckResult Result(string vm, string rg, string check, CheckStatus status, CheckSeverity severity, string message,
        string? fix, string[] codes, string? repair)
    {
        var id = $"/subscriptions/{Sub}/resourceGroups/{rg}/providers/Microsoft.Compute/virtualMachines/{vm}";
        return new CheckResult
        {
            VmId = id, VmName = vm, ResourceGroup = rg, SubscriptionId = Sub, CheckId = check, Title = check + " title",
            Status = status, Severity = severity, Codes = codes, Message = message, Remediation = fix, RepairCommand = repair,
            Evidence = new[] { new Evidence(id, "properties.instanceView.vmAgent.statuses[0].code", "ProvisioningState/Unavailable") },
            DocPage = $"docs/checks/{check}.md", Language = "en",
        };
    }
}
