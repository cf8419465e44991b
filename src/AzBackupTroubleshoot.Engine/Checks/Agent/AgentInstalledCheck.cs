using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Agent
{
    /// <summary>
    /// Backup works through the guest agent: without it the backup extension cannot be installed or run. The model says
    /// whether the agent was provisioned; a running VM's instance view says whether an agent ever reported.
    /// </summary>
    public sealed class AgentInstalledCheck : ReadinessCheck
    {
        public override string Id => "Agent.Installed";
        public override int Order => 80;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.VmAgentNotPresent", "UserErrorGuestAgentStatusUnavailable", "380008" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "agent" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var agent = vm.Agent;
            var flag = new Evidence(vm.VmId, agent.ProvisionVmAgentPath, agent.ProvisionVmAgent?.ToString().ToLowerInvariant());
            var version = new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".vmAgentVersion", agent.Reported ? agent.Version : null);

            if (vm.IsRunning && agent.HasKnownVersion)
                return CheckOutcome.Pass(Text("pass", ("version", agent.Version)), version);

            if (vm.IsRunning && !agent.Reported)
            {
                var why = agent.ProvisionVmAgent == false ? Text("notProvisionedNoReport") : Text("neverReported");
                return CheckOutcome.Fail(why, Text("fix"), flag, version)
                    .WithCodes("NoCode.VmAgentNotPresent", "UserErrorGuestAgentStatusUnavailable");
            }

            if (agent.ProvisionVmAgent == false)
                return CheckOutcome.Fail(
                    vm.IsRunning ? Text("notProvisionedNoVersion") : Text("notProvisioned"),
                    Text("fix"), flag, version)
                    .WithCodes("NoCode.VmAgentNotPresent", "380008");

            if (!vm.IsRunning)
                return CheckOutcome.Skipped(CheckText.Common("agentNeedsRunningVm", ("state", CheckText.Or(vm.PowerState, "unknown"))), flag);

            return CheckOutcome.Skipped(
                Text("noVersion", ("version", CheckText.Or(agent.Version, "none"))),
                flag, version);
        }
    }
}
