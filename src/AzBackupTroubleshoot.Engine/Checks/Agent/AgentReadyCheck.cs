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
        public override string Title => "VM guest agent reports Ready";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[]
        {
            "UserErrorGuestAgentStatusUnavailable", "GuestAgentSnapshotTaskStatusError", "NoCode.VmAgentNotResponsive",
            "NoCode.WindowsAgentOutdatedOrUnresponsive", "NoCode.LinuxAgentOutdated",
        };
        public override IReadOnlyList<string> Tags { get; } = new[] { "agent" };

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            if (!vm.IsRunning)
                return CheckOutcome.Skipped($"The VM is {vm.PowerState ?? "in an unknown power state"}; the agent only reports while the VM runs.");
            var agent = vm.Agent;
            if (!agent.Reported)
                return CheckOutcome.Skipped("The instance view has no agent section; Agent.Installed reports this.");

            var evidence = new[]
            {
                new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".statuses[0].displayStatus", agent.DisplayStatus),
                new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".statuses[0].code", agent.StatusCode),
                new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".vmAgentVersion", agent.Version),
            };
            if (agent.IsReady)
                return CheckOutcome.Pass($"The guest agent reports '{agent.DisplayStatus ?? agent.StatusCode}'.", evidence);

            var linux = string.Equals(vm.OsType, "Linux", StringComparison.OrdinalIgnoreCase);
            var detail = agent.StatusMessage != null ? $" (its message: \"{agent.StatusMessage}\")" : "";
            var fix = linux
                ? "Connect to the VM and check that the agent process runs ('ps -e | grep -i agent'); restart it with 'systemctl restart walinuxagent' (Ubuntu/Debian) or 'systemctl restart waagent'. "
                  + "If it keeps failing, update the agent from your distribution's repository (not from GitHub), check that the VM can reach 168.63.129.16, and read /var/log/waagent.log."
                : "Connect to the VM and check the 'Windows Azure Guest Agent' service: start or restart it (Restart-Service WindowsAzureGuestAgent). "
                  + "If the service is missing or keeps stopping, reinstall the latest agent MSI and make sure .NET Framework 4.5 or later is present. If the agent looks healthy, restart the VM.";
            return CheckOutcome.Fail(
                $"The guest agent is not ready: it reports '{agent.DisplayStatus ?? agent.StatusCode ?? "no status"}'{detail} with version '{agent.Version ?? "none"}'. Backup cannot order a snapshot through it.",
                fix, evidence)
                .WithCodes("UserErrorGuestAgentStatusUnavailable", "GuestAgentSnapshotTaskStatusError", "NoCode.VmAgentNotResponsive",
                    linux ? "NoCode.LinuxAgentOutdated" : "NoCode.WindowsAgentOutdatedOrUnresponsive");
        }
    }
}
