using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Agent
{
    /// <summary>
    /// Old agents break the backup extension and are out of support. The minimums (Windows and Linux) are Microsoft's
    /// published ones, kept with their source in knowledge/thresholds/agent-minimums.json (<see cref="AgentMinimums"/>).
    /// The instance view's vmAgentVersion is the Windows agent's version, or on Linux the goal state agent's.
    /// </summary>
    public sealed class AgentVersionCheck : ReadinessCheck
    {
        public static Version MinimumWindowsAgent => AgentMinimums.WindowsGuestAgent.Minimum;
        public static Version MinimumLinuxAgent => AgentMinimums.LinuxGuestAgent.Minimum;

        public override string Id => "Agent.Version";
        public override int Order => 100;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Warning;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.WindowsAgentOutdatedOrUnresponsive", "NoCode.RecoveryServicesExtensionOperationFailed" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "agent" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var agent = vm.Agent;
            var evidence = new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".vmAgentVersion", agent.Version);
            if (!agent.HasKnownVersion)
                return CheckOutcome.Skipped(Text("noVersion", ("version", CheckText.Or(agent.Version, "none"))), evidence);
            if (!Version.TryParse(agent.Version, out var version))
                return CheckOutcome.Skipped(Text("unparsable", ("version", agent.Version)), evidence);
            var linux = string.Equals(vm.OsType, "Linux", StringComparison.OrdinalIgnoreCase);
            var minimum = linux ? AgentMinimums.LinuxGuestAgent : AgentMinimums.WindowsGuestAgent;
            if (version >= minimum.Minimum)
                return CheckOutcome.Pass(linux
                    ? Text("linuxPass", ("version", agent.Version), ("minimum", minimum.Minimum))
                    : Text("windowsPass", ("version", agent.Version), ("minimum", minimum.Minimum)), evidence);
            return linux
                ? CheckOutcome.Fail(Text("linuxFail", ("version", agent.Version), ("minimum", minimum.Minimum), ("date", minimum.SourceDate)), Text("fixLinux"), evidence)
                : CheckOutcome.Fail(Text("windowsFail", ("version", agent.Version), ("minimum", minimum.Minimum), ("date", minimum.SourceDate)), Text("fix"), evidence);
        }
    }
}
