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
        public override string Title => "VM guest agent is installed";
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.VmAgentNotPresent", "UserErrorGuestAgentStatusUnavailable", "380008" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "agent" };

        private const string InstallFix =
            "Install the Azure VM agent in the guest: on Windows the agent MSI (https://go.microsoft.com/fwlink/?LinkID=394789), run as administrator; "
            + "on Linux the walinuxagent/waagent package from your distribution's repository. Then check that the VM reports the agent as Ready and retry the backup.";

        public override CheckOutcome Evaluate(VmInventory vm)
        {
            var agent = vm.Agent;
            var flag = new Evidence(vm.VmId, agent.ProvisionVmAgentPath, agent.ProvisionVmAgent?.ToString().ToLowerInvariant());
            var version = new Evidence(vm.VmId, GuestAgentStatus.VmAgentPath + ".vmAgentVersion", agent.Reported ? agent.Version : null);

            if (vm.IsRunning && agent.HasKnownVersion)
                return CheckOutcome.Pass($"The guest agent reports version {agent.Version}.", version);

            if (vm.IsRunning && !agent.Reported)
            {
                var why = agent.ProvisionVmAgent == false
                    ? "The VM was created without the agent (provisionVMAgent is false) and its instance view has no agent section."
                    : "The VM is running but its instance view has no agent section: no agent has ever reported from this VM.";
                return CheckOutcome.Fail(why + " Backup needs the agent to install and run its extension.", InstallFix, flag, version)
                    .WithCodes("NoCode.VmAgentNotPresent", "UserErrorGuestAgentStatusUnavailable");
            }

            if (agent.ProvisionVmAgent == false)
                return CheckOutcome.Fail(
                    vm.IsRunning
                        ? "The VM was created without the agent (provisionVMAgent is false) and no agent version is reported, so none seems to have been installed since."
                        : "The VM was created without the agent (provisionVMAgent is false). Unless one was installed by hand, backup cannot install its extension.",
                    InstallFix, flag, version)
                    .WithCodes("NoCode.VmAgentNotPresent", "380008");

            if (!vm.IsRunning)
                return CheckOutcome.Skipped($"The VM is {vm.PowerState ?? "in an unknown power state"}; the agent only reports while the VM runs.", flag);

            return CheckOutcome.Skipped(
                $"The agent section exists but the version is '{agent.Version ?? "(none)"}': the agent is either missing or not responding. Agent.Ready reports this.",
                flag, version);
        }
    }
}
