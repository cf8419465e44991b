using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Agent
{
    /// <summary>
    /// Old agents break the backup extension. The troubleshooting articles give a floor for the Windows agent only
    /// (WaAppAgent 2.6.1198.718); for Linux they ask for the distribution's current package, which ARM cannot tell, so Linux is skipped.
    /// </summary>
    public sealed class AgentVersionCheck : ReadinessCheck
    {
        public static readonly Version MinimumWindowsAgent = new Version(2, 6, 1198, 718);

        public override string Id => "Agent.Version";
        public override string Title => "VM guest agent is recent enough";
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.WindowsAgentOutdatedOrUnresponsive", "NoCode.RecoveryServicesExtensionOperationFailed" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "agent" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var agent = vm.Agent;
            var evidence = new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".vmAgentVersion", agent.Version);
            if (!agent.HasKnownVersion)
                return CheckOutcome.Skipped($"No agent version is reported ('{agent.Version ?? "none"}'); Agent.Installed and Agent.Ready cover that.", evidence);
            if (string.Equals(vm.OsType, "Linux", StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Skipped(
                    $"The Linux agent reports {agent.Version}. No fixed minimum is documented for Linux (keep the package your distribution currently ships), so ARM data cannot judge it.",
                    evidence);
            if (!Version.TryParse(agent.Version, out var version))
                return CheckOutcome.Skipped($"The agent version '{agent.Version}' is not a version number this check can compare.", evidence);
            if (version >= MinimumWindowsAgent)
                return CheckOutcome.Pass($"The Windows agent version {agent.Version} is at or above {MinimumWindowsAgent}.", evidence);
            return CheckOutcome.Fail(
                $"The Windows agent version {agent.Version} is older than {MinimumWindowsAgent}, the minimum the backup extension needs.",
                "Install the latest Azure VM agent MSI in the guest (https://go.microsoft.com/fwlink/?LinkID=394789) while no backup is running, check that the 'Windows Azure Guest Agent' service runs, then retry the backup.",
                evidence);
        }
    }
}
