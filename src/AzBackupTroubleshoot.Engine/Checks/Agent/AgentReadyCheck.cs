using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Agent
{
    /// <summary>
    /// The snapshot is ordered through the guest agent; an agent that does not report Ready makes the backup time out
    /// waiting for it. Only a running VM's agent reports, so other power states are skipped.
    /// </summary>
    public sealed class AgentReadyCheck : ReadinessCheck
    {
        public override string Id => "Agent.Ready";
        public override int Order => 90;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[]
        {
            "UserErrorGuestAgentStatusUnavailable", "GuestAgentSnapshotTaskStatusError", "NoCode.VmAgentNotResponsive",
            "NoCode.WindowsAgentOutdatedOrUnresponsive", "NoCode.LinuxAgentOutdated",
        };
        public override IReadOnlyList<string> Tags { get; } = new[] { "agent" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            if (!vm.IsRunning)
                return CheckOutcome.Skipped(CheckText.Common("agentNeedsRunningVm", ("state", CheckText.Or(vm.PowerState, "unknown"))));
            var agent = vm.Agent;
            if (!agent.Reported)
                return CheckOutcome.Skipped(Text("noAgentSection"));

            var evidence = new[]
            {
                new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".statuses[0].displayStatus", agent.DisplayStatus),
                new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".statuses[0].code", agent.StatusCode),
                new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".vmAgentVersion", agent.Version),
            };
            if (agent.IsReady)
                return CheckOutcome.Pass(Text("pass", ("status", agent.DisplayStatus ?? agent.StatusCode)), evidence);

            var linux = string.Equals(vm.OsType, "Linux", StringComparison.OrdinalIgnoreCase);
            var status = CheckText.Or(agent.DisplayStatus ?? agent.StatusCode, "none");
            var version = CheckText.Or(agent.Version, "none");
            var message = agent.StatusMessage != null
                ? Text("failWithMessage", ("status", status), ("message", agent.StatusMessage), ("version", version))
                : Text("fail", ("status", status), ("version", version));
            return CheckOutcome.Fail(message, linux ? Text("fixLinux") : Text("fixWindows"), evidence)
                .WithCodes("UserErrorGuestAgentStatusUnavailable", "GuestAgentSnapshotTaskStatusError", "NoCode.VmAgentNotResponsive",
                    linux ? "NoCode.LinuxAgentOutdated" : "NoCode.WindowsAgentOutdatedOrUnresponsive");
        }
    }
}
