using System;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// What ARM knows about a VM's guest agent: whether the model asked for it to be provisioned, and what the agent last
    /// reported in the instance view (properties.instanceView.vmAgent). Read once here so the agent checks agree.
    /// </summary>
    public sealed class GuestAgentStatus
    {
        /// <summary>The version value an agent that never reported (or stopped reporting) shows.</summary>
        public const string UnknownVersion = "Unknown";

        public const string VmAgentPath = "properties.instanceView.vmAgent";

        private GuestAgentStatus() { }

        /// <summary>osProfile.windowsConfiguration.provisionVMAgent or linuxConfiguration.provisionVMAgent; null when the model does not say.</summary>
        public bool? ProvisionVmAgent { get; private set; }

        /// <summary>The JSON path <see cref="ProvisionVmAgent"/> was read from (for evidence).</summary>
        public string ProvisionVmAgentPath { get; private set; } = "properties.osProfile.*Configuration.provisionVMAgent";

        /// <summary>True when the instance view holds a vmAgent block at all.</summary>
        public bool Reported { get; private set; }

        /// <summary>vmAgent.vmAgentVersion as reported ("2.7.41491.949", "Unknown"), or null.</summary>
        public string? Version { get; private set; }

        /// <summary>The first vmAgent status (code, level, displayStatus, message), as the portal shows it.</summary>
        public string? StatusCode { get; private set; }
        public string? StatusLevel { get; private set; }
        public string? DisplayStatus { get; private set; }
        public string? StatusMessage { get; private set; }

        /// <summary>The agent reported a usable version (not absent, not "Unknown").</summary>
        public bool HasKnownVersion => !string.IsNullOrEmpty(Version) && !string.Equals(Version, UnknownVersion, StringComparison.OrdinalIgnoreCase);

        /// <summary>The agent says it is Ready (displayStatus "Ready", or code ProvisioningState/succeeded when no displayStatus).</summary>
        public bool IsReady => DisplayStatus != null
            ? string.Equals(DisplayStatus, "Ready", StringComparison.OrdinalIgnoreCase)
            : string.Equals(StatusCode, "ProvisioningState/succeeded", StringComparison.OrdinalIgnoreCase);

        public static GuestAgentStatus Read(JsonElement? vm)
        {
            var status = new GuestAgentStatus();
            foreach (var config in new[] { "windowsConfiguration", "linuxConfiguration" })
            {
                var path = $"properties.osProfile.{config}.provisionVMAgent";
                var flag = vm?.Bool(path);
                if (flag == null) continue;
                status.ProvisionVmAgent = flag;
                status.ProvisionVmAgentPath = path;
                break;
            }
            var agent = vm.At(VmAgentPath);
            if (agent == null) return status;
            status.Reported = true;
            status.Version = agent.Str("vmAgentVersion");
            var statuses = agent.Array("statuses");
            if (statuses.Count > 0)
            {
                status.StatusCode = statuses[0].Str("code");
                status.StatusLevel = statuses[0].Str("level");
                status.DisplayStatus = statuses[0].Str("displayStatus");
                status.StatusMessage = statuses[0].Str("message");
            }
            return status;
        }
    }
}
