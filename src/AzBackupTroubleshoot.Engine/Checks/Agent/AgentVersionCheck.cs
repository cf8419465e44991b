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
            if (string.Equals(vm.OsType, "Linux", StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Skipped(Text("linux", ("version", agent.Version)), evidence);
            if (!Version.TryParse(agent.Version, out var version))
                return CheckOutcome.Skipped(Text("unparsable", ("version", agent.Version)), evidence);
            if (version >= MinimumWindowsAgent)
                return CheckOutcome.Pass(Text("pass", ("version", agent.Version), ("minimum", MinimumWindowsAgent)), evidence);
            return CheckOutcome.Fail(
                Text("fail", ("version", agent.Version), ("minimum", MinimumWindowsAgent)),
                Text("fix"),
                evidence);
        }
    }
}
