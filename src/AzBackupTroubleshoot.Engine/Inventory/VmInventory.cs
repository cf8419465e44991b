using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// Everything collected about one VM, immutable, as plain ARM JSON. Checks read only this; they never call Azure. It holds facts only: the time a check judges at and
    /// the identities the caller gives are in the checks' <see cref="EvaluationContext"/>.
    /// A VM that a vault still protects but that no longer exists has <see cref="Vm"/> null (and so has one kept without
    /// its model, see <see cref="WithOnly"/>; <see cref="Exists"/> tells them apart).
    /// </summary>
    public sealed class VmInventory : ICheckFacts
    {
        public string VmId { get; init; } = "";
        public string Name { get; init; } = "";
        public string ResourceGroup { get; init; } = "";
        public string SubscriptionId { get; init; } = "";
        public string? Location { get; init; }

        /// <summary>The VM as a GET with $expand=instanceView returns it (properties.instanceView included); null when the VM is gone.</summary>
        public JsonElement? Vm { get; init; }

        /// <summary>Locks on the VM's resource group (or the subscription, or the VM) and on the restore-point resource groups.</summary>
        public IReadOnlyList<LockInfo> Locks { get; init; } = Array.Empty<LockInfo>();

        /// <summary>Ids of the resource groups where Azure Backup keeps this VM's restore point collections (AzureBackupRG_&lt;region&gt;_&lt;n&gt; or the policy's custom name).</summary>
        public IReadOnlyList<string> RestorePointResourceGroups { get; init; } = Array.Empty<string>();

        /// <summary>Restore point collections whose properties.source.id is this VM, with properties.restorePoints when collected.</summary>
        public IReadOnlyList<JsonElement> RestorePointCollections { get => _restorePointCollections; init => _restorePointCollections = value; }
        private IReadOnlyList<JsonElement> _restorePointCollections = Array.Empty<JsonElement>();

        /// <summary>The same inventory with these collections (the VM's own, re-read with $expand=restorePoints).</summary>
        public VmInventory WithRestorePointCollections(IReadOnlyList<JsonElement> collections)
        {
            var copy = (VmInventory)MemberwiseClone();
            copy._restorePointCollections = collections;
            return copy;
        }

        /// <summary>Protected items (in any vault of the subscription) whose source is this VM.</summary>
        public IReadOnlyList<ProtectionRecord> Protection { get; init; } = Array.Empty<ProtectionRecord>();

        /// <summary>Recent backup jobs for this VM, from every vault of the subscription (matched on VM name and container).</summary>
        public IReadOnlyList<JsonElement> Jobs { get; init; } = Array.Empty<JsonElement>();

        /// <summary>Managed disks attached to the VM.</summary>
        public IReadOnlyList<JsonElement> Disks { get; init; } = Array.Empty<JsonElement>();

        /// <summary>The VM's NICs with their NSGs.</summary>
        public IReadOnlyList<NetworkPath> Network { get; init; } = Array.Empty<NetworkPath>();

        /// <summary>Key vaults that hold the VM's disk encryption keys or secrets.</summary>
        public IReadOnlyList<JsonElement> KeyVaults { get; init; } = Array.Empty<JsonElement>();

        /// <summary>Role assignments that apply at the VM's key vaults that use Azure RBAC, with their role definitions.</summary>
        public IReadOnlyList<RoleAssignmentFacts> RoleAssignments { get; init; } = Array.Empty<RoleAssignmentFacts>();

        /// <summary>Azure Policy assignments that reach the VM's subscription, with their definitions.</summary>
        public IReadOnlyList<PolicyAssignmentFacts> PolicyAssignments { get; init; } = Array.Empty<PolicyAssignmentFacts>();

        /// <summary>Policy exemptions listed in the VM's subscription (read only when it has assignments).</summary>
        public IReadOnlyList<JsonElement> PolicyExemptions { get; init; } = Array.Empty<JsonElement>();

        /// <summary>Inventory parts (see <see cref="InventoryParts"/>) that could not be read, with the reason; checks that need them skip.</summary>
        public IReadOnlyDictionary<string, string> Unavailable { get; init; } = new Dictionary<string, string>();

        public bool Exists => Vm != null || ExistsWithoutModel;

        /// <summary>The VM exists although its model is not held (an inventory kept with only some parts, see <see cref="WithOnly"/>).</summary>
        internal bool ExistsWithoutModel { get; init; }

        /// <summary>
        /// The same inventory with only these parts (see <see cref="InventoryParts"/>; the others empty) and what names the
        /// VM and whether it exists: what a VM waiting for its restore points keeps when nothing but the checks that read
        /// these parts will see it again. Parts that could not be read stay marked.
        /// </summary>
        public VmInventory WithOnly(IReadOnlyCollection<string> parts)
        {
            bool Keeps(string part) => parts.Contains(part);
            return new VmInventory
            {
                VmId = VmId,
                Name = Name,
                ResourceGroup = ResourceGroup,
                SubscriptionId = SubscriptionId,
                Location = Location,
                Vm = Keeps(InventoryParts.VirtualMachines) ? Vm : null,
                ExistsWithoutModel = Exists,
                Locks = Keeps(InventoryParts.Locks) ? Locks : Array.Empty<LockInfo>(),
                RestorePointResourceGroups = Keeps(InventoryParts.RestorePoints) ? RestorePointResourceGroups : Array.Empty<string>(),
                RestorePointCollections = Keeps(InventoryParts.RestorePoints) ? RestorePointCollections : Array.Empty<JsonElement>(),
                Protection = Keeps(InventoryParts.Vaults) ? Protection : Array.Empty<ProtectionRecord>(),
                Jobs = Keeps(InventoryParts.Vaults) ? Jobs : Array.Empty<JsonElement>(),
                Disks = Keeps(InventoryParts.Disks) ? Disks : Array.Empty<JsonElement>(),
                Network = Keeps(InventoryParts.Network) ? Network : Array.Empty<NetworkPath>(),
                KeyVaults = Keeps(InventoryParts.KeyVaults) ? KeyVaults : Array.Empty<JsonElement>(),
                RoleAssignments = Keeps(InventoryParts.RoleAssignments) ? RoleAssignments : Array.Empty<RoleAssignmentFacts>(),
                PolicyAssignments = Keeps(InventoryParts.Policy) ? PolicyAssignments : Array.Empty<PolicyAssignmentFacts>(),
                // Exemptions go with the assignments they lift: a check that reads these reads those (it need not declare them).
                PolicyExemptions = Keeps(InventoryParts.Policy) || Keeps(InventoryParts.PolicyExemptions) ? PolicyExemptions : Array.Empty<JsonElement>(),
                Unavailable = Unavailable,
            };
        }

        CheckSubject ICheckFacts.Subject => new(VmId, Name, ResourceGroup, SubscriptionId);

        /// <summary>The instance view (properties.instanceView), when the VM exists and it was collected.</summary>
        public JsonElement? InstanceView => Vm?.At("properties.instanceView");

        /// <summary>"Windows" or "Linux", from the OS disk or the OS profile.</summary>
        public string? OsType
        {
            get
            {
                var fromDisk = Vm.Str("properties.storageProfile.osDisk.osType");
                if (fromDisk != null) return fromDisk;
                if (Vm?.At("properties.osProfile.linuxConfiguration") != null) return "Linux";
                if (Vm?.At("properties.osProfile.windowsConfiguration") != null) return "Windows";
                return InstanceView.Str("osName") is string name && name.IndexOf("windows", StringComparison.OrdinalIgnoreCase) >= 0 ? "Windows" : null;
            }
        }

        /// <summary>The power state from the instance view ("running", "deallocated", ...), or null.</summary>
        public string? PowerState => StatusCode(InstanceView.Array("statuses"), "PowerState/");

        /// <summary>The provisioning state from the instance view, else from the model.</summary>
        public string? ProvisioningState
            => StatusCode(InstanceView.Array("statuses"), "ProvisioningState/") ?? Vm.Str("properties.provisioningState");

        public bool IsProtected => Protection.Count > 0;

        /// <summary>The instance view says PowerState/running: only then does the guest agent report.</summary>
        public bool IsRunning => string.Equals(PowerState, "running", StringComparison.OrdinalIgnoreCase);

        /// <summary>The guest agent as the model and the instance view describe it.</summary>
        public GuestAgentStatus Agent => _agent ??= GuestAgentStatus.Read(Vm);

        /// <summary>The VM's extensions, instance view and model joined by name.</summary>
        public IReadOnlyList<VmExtension> Extensions => _extensions ??= VmExtension.ReadAll(Vm);

        /// <summary>The VM's OS and data disks (model joined with the collected managed disks); empty when the VM is gone.</summary>
        public IReadOnlyList<VmDisk> AllDisks
            => _allDisks ??= Vm == null ? Array.Empty<VmDisk>() : VmDisk.ReadAll(Vm.Value, id => Disks.Cast<JsonElement?>().FirstOrDefault(d => ArmIds.Same(d!.Value.Id(), id)));

        // Parsed once on first use: every check reads them, and the inventory never changes.
        private GuestAgentStatus? _agent;
        private IReadOnlyList<VmExtension>? _extensions;
        private IReadOnlyList<VmDisk>? _allDisks;

        /// <summary>The part of a status code after its prefix: "PowerState/running" gives "running".</summary>
        public static string? StatusCode(IReadOnlyList<JsonElement> statuses, string prefix)
        {
            var code = statuses.Select(s => s.Str("code")).FirstOrDefault(c => c != null && c.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
            return code?.Substring(prefix.Length);
        }

        public bool IsUnavailable(string part, out string reason)
        {
            if (Unavailable.TryGetValue(part, out var r)) { reason = r; return true; }
            reason = "";
            return false;
        }
    }
}
