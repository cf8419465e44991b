using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// Joins a <see cref="ResourceSet"/> into one <see cref="VmInventory"/> per VM: its locks, restore point
    /// collections, protected items, jobs, disks, network and key vaults. Pure: no I/O.
    /// </summary>
    public sealed class InventoryBuilder
    {
        /// <summary>Azure Backup's default name for restore point resource groups: AzureBackupRG_&lt;region&gt;_&lt;n&gt;.</summary>
        public const string DefaultRestorePointGroupPrefix = "AzureBackupRG_";

        private readonly ResourceSet _set;
        private readonly List<LockInfo> _locks;
        // Indexes by VM, built once from the join keys the set took when each resource was added (nothing parsed here):
        // a fleet of 10,000 VMs must not join in O(VMs x resources). A VM's own items are parsed when it is built.
        private readonly IReadOnlyList<(string Id, string? JoinKey)> _protectedItems;
        private readonly ILookup<string, string> _itemsByVm;
        private readonly ILookup<string, string> _collectionsByVm;
        private readonly ILookup<string, string> _jobsByVmName;

        public InventoryBuilder(ResourceSet set)
        {
            _set = set;
            _locks = set.OfType(ResourceTypes.Lock).Select(l => new LockInfo(l)).ToList();
            _protectedItems = set.JoinKeysOf(ResourceTypes.ProtectedItem);
            _itemsByVm = _protectedItems.ToLookup(p => Key(p.JoinKey), p => p.Id, StringComparer.OrdinalIgnoreCase);
            _collectionsByVm = set.JoinKeysOf(ResourceTypes.RestorePointCollection).ToLookup(c => Key(c.JoinKey), c => c.Id, StringComparer.OrdinalIgnoreCase);
            _jobsByVmName = set.JoinKeysOf(ResourceTypes.BackupJob).ToLookup(j => j.JoinKey ?? "", j => j.Id, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>
        /// What the builder joins a resource of this type to its VM by (taken by <see cref="ResourceSet"/> when it is added,
        /// so the builder need not parse every item to index it): a collection's source VM, a protected item's VM, a job's
        /// VM name; null for other types.
        /// </summary>
        internal static string? JoinKeyOf(string type, JsonElement resource)
        {
            if (string.Equals(type, ResourceTypes.RestorePointCollection, StringComparison.OrdinalIgnoreCase)) return resource.Str("properties.source.id");
            if (string.Equals(type, ResourceTypes.ProtectedItem, StringComparison.OrdinalIgnoreCase)) return SourceVmId(resource);
            if (string.Equals(type, ResourceTypes.BackupJob, StringComparison.OrdinalIgnoreCase)) return resource.Str("properties.entityFriendlyName");
            return null;
        }

        private static string Key(string? id) => id?.TrimEnd('/') ?? "";

        // The set parses on every read. A resource read a second time (an NSG, a VNet, a backup policy, a key vault, a
        // definition: shared by many VMs) is kept parsed for the builder's life, so the VMs share one document as they
        // did when the set held parsed elements; one read once (a VM's own NIC) is not kept.
        private readonly Dictionary<string, JsonElement?> _shared = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _readOnce = new(StringComparer.OrdinalIgnoreCase);

        private JsonElement? Get(string? id)
        {
            if (id == null) return null;
            var key = id.TrimEnd('/');
            lock (_shared)
            {
                if (_shared.TryGetValue(key, out var known)) return known;
                var parsed = _set.Get(key);
                if (!_readOnce.Add(key))
                {
                    _readOnce.Remove(key);
                    _shared[key] = parsed;
                }
                return parsed;
            }
        }

        /// <summary>Every VM in the set, followed by a record for each protected item whose VM is not in the set.</summary>
        public IEnumerable<VmInventory> BuildAll()
        {
            foreach (var id in _set.IdsOf(ResourceTypes.VirtualMachine))
                if (_set.Get(id) is JsonElement vm) yield return Build(vm);
            foreach (var missing in MissingProtectedVmIds()) yield return BuildMissing(missing);
        }

        /// <summary>Ids of VMs that a vault protects but that the set does not hold (deleted VMs).</summary>
        public IEnumerable<string> MissingProtectedVmIds()
            => _protectedItems.Select(p => p.JoinKey)
                .Where(id => id != null && ArmIds.TryParseVmId(id, out _) && !_set.Contains(id) && !_released.Contains(Key(id)))
                .Select(id => id!)
                .Distinct(StringComparer.OrdinalIgnoreCase);

        public VmInventory Build(JsonElement vm)
        {
            var id = vm.Id();
            var parsed = ArmIds.ParseVmId(id);
            var location = vm.Str("location");
            var protection = ProtectionFor(id);
            var collections = Own(_collectionsByVm[Key(id)]);
            var rpGroups = RestorePointGroups(parsed.SubscriptionId, location, collections, protection);
            // The VM's disks, parsed once for both its disk list and its key vaults.
            var diskById = new Dictionary<string, JsonElement?>(StringComparer.OrdinalIgnoreCase);
            JsonElement? Disk(string? diskId)
            {
                if (diskId == null) return null;
                var key = diskId.TrimEnd('/');
                if (!diskById.TryGetValue(key, out var disk)) diskById[key] = disk = Get(key);
                return disk;
            }
            var disks = DiskIds(vm).Select(Disk).Where(d => d != null).Select(d => d!.Value).ToList();
            var keyVaults = KeyVaultsFor(vm, Disk);

            return new VmInventory
            {
                VmId = id,
                Name = parsed.Name,
                ResourceGroup = parsed.ResourceGroup,
                SubscriptionId = parsed.SubscriptionId,
                Location = location,
                Vm = vm,
                // Locks on the VM (or above it), on the restore-point groups (or above), and on the VM's collections themselves.
                Locks = _locks.Where(l => l.Covers(id) || rpGroups.Any(g => l.Covers(g)) || collections.Any(c => l.Covers(c.Id()))).ToList(),
                RestorePointResourceGroups = rpGroups,
                RestorePointCollections = collections,
                Protection = protection,
                Jobs = JobsFor(parsed.ResourceGroup, parsed.Name),
                Disks = disks,
                Network = NetworkFor(vm),
                KeyVaults = keyVaults,
                RoleAssignments = RoleAssignmentsFor(keyVaults),
                PolicyAssignments = PolicyFor(parsed.SubscriptionId).Assignments,
                PolicyExemptions = PolicyFor(parsed.SubscriptionId).Exemptions,
                Unavailable = _set.Unavailable,
            };
        }

        private readonly Dictionary<string, (List<PolicyAssignmentFacts> Assignments, List<JsonElement> Exemptions)> _policyBySubscription = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// The subscription's assignments with their definitions (and a set's members), and the exemptions listed with them,
        /// built once per subscription. An item at a management group (no subscription in its id) goes with every subscription.
        /// </summary>
        private (List<PolicyAssignmentFacts> Assignments, List<JsonElement> Exemptions) PolicyFor(string subscriptionId)
        {
            lock (_policyBySubscription)
            {
                if (_policyBySubscription.TryGetValue(subscriptionId, out var known)) return known;
                bool InSubscription(string? scope) => ArmIds.SubscriptionOf(scope ?? "") is not string sub || ArmIds.Same(sub, subscriptionId);
                var facts = _set.OfType(ResourceTypes.PolicyAssignment)
                    .Where(a => InSubscription(a.Str("properties.scope") ?? a.Id()))
                    .Select(a =>
                    {
                        var definition = Get(a.Str("properties.policyDefinitionId"));
                        var members = definition == null ? new List<JsonElement>()
                            : definition.Value.Array("properties.policyDefinitions").Select(m => Get(m.Str("policyDefinitionId")))
                                .Where(m => m != null).Select(m => m!.Value).ToList();
                        return new PolicyAssignmentFacts(a, definition, members);
                    }).ToList();
                var exemptions = _set.OfType(ResourceTypes.PolicyExemption).Where(e => InSubscription(e.Id())).ToList();
                return _policyBySubscription[subscriptionId] = (facts, exemptions);
            }
        }

        /// <summary>
        /// A VM with nothing but its model and instance view (its subscription's other lists not read yet): enough for the
        /// checks that read only the VM, which give the same verdict on it as on the complete inventory.
        /// </summary>
        public static VmInventory BuildVmAlone(JsonElement vm)
        {
            var parsed = ArmIds.ParseVmId(vm.Id());
            return new VmInventory
            {
                VmId = vm.Id(),
                Name = parsed.Name,
                ResourceGroup = parsed.ResourceGroup,
                SubscriptionId = parsed.SubscriptionId,
                Location = vm.Str("location"),
                Vm = vm,
            };
        }

        public VmInventory BuildMissing(string vmId)
        {
            var parsed = ArmIds.ParseVmId(vmId);
            return new VmInventory
            {
                VmId = vmId,
                Name = parsed.Name,
                ResourceGroup = parsed.ResourceGroup,
                SubscriptionId = parsed.SubscriptionId,
                Vm = null,
                Protection = ProtectionFor(vmId),
                Jobs = JobsFor(parsed.ResourceGroup, parsed.Name),
                Unavailable = _set.Unavailable,
            };
        }

        // VMs whose own resources ReleaseOwn let go: they were in the set, so they are not missing.
        private readonly HashSet<string> _released = new(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Lets the set drop what only this VM (built already) reads: its model, its protected items and its restore point
        /// collections, each joined to this one VM. Shared resources (NICs and disks too: a disk can be shared) stay.
        /// </summary>
        internal void ReleaseOwn(string vmId)
        {
            var key = Key(vmId);
            _released.Add(key);
            _set.Remove(key);
            foreach (var id in _itemsByVm[key].Concat(_collectionsByVm[key])) _set.Remove(id);
        }

        private List<ProtectionRecord> ProtectionFor(string vmId)
            => Own(_itemsByVm[Key(vmId)])
                .Select(item => new ProtectionRecord(VaultOf(item.Id()), item, Get(item.Str("properties.policyId"))))
                .ToList();

        /// <summary>A VM's own items (each joined to one VM), parsed in the order the set holds them.</summary>
        private List<JsonElement> Own(IEnumerable<string> ids)
            => ids.Select(id => _set.Get(id)).Where(r => r != null).Select(r => r!.Value).ToList();

        private static string? SourceVmId(JsonElement item)
            => item.Str("properties.sourceResourceId") ?? item.Str("properties.virtualMachineId");

        /// <summary>
        /// Resource groups that hold (or will hold) the VM's restore points: those of its collections, plus every group in
        /// the subscription named with the policy's prefix (default AzureBackupRG_) for the VM's region.
        /// </summary>
        private List<string> RestorePointGroups(string subscriptionId, string? location, List<JsonElement> collections, List<ProtectionRecord> protection)
        {
            var groups = new List<string>();
            void AddGroup(string rg)
            {
                var gid = ArmIds.ResourceGroupId(subscriptionId, rg);
                if (!groups.Any(g => ArmIds.Same(g, gid))) groups.Add(gid);
            }
            foreach (var c in collections)
                if (ArmIds.ResourceGroupOf(c.Id()) is string rg) AddGroup(rg);

            var prefixes = protection.Select(p => p.Policy.Str("properties.instantRPDetails.azureBackupRGNamePrefix"))
                .Where(p => !string.IsNullOrEmpty(p)).Select(p => p!).ToList();
            if (prefixes.Count == 0) prefixes.Add(DefaultRestorePointGroupPrefix.TrimEnd('_'));
            // Locks are the only thing we know about groups we were not given explicitly; a lock's scope names its group.
            foreach (var scope in _locks.Select(l => ArmIds.ResourceGroupOf(l.Scope)).Where(g => g != null))
            {
                foreach (var prefix in prefixes)
                {
                    var expected = location == null ? prefix + "_" : $"{prefix}_{location}_";
                    if (scope!.StartsWith(expected, StringComparison.OrdinalIgnoreCase)) AddGroup(scope);
                }
            }
            return groups;
        }

        private List<JsonElement> JobsFor(string resourceGroup, string vmName)
            => Own(_jobsByVmName[vmName]).Where(j =>
            {
                var container = j.Str("properties.containerName");
                // containerName looks like "iaasvmcontainerv2;<rg>;<vm>"; when present it must name this VM's group.
                return container == null || container.EndsWith($";{resourceGroup};{vmName}", StringComparison.OrdinalIgnoreCase);
            }).ToList();

        private static IEnumerable<string> DiskIds(JsonElement vm)
        {
            var os = vm.Str("properties.storageProfile.osDisk.managedDisk.id");
            if (os != null) yield return os;
            foreach (var d in vm.Array("properties.storageProfile.dataDisks"))
                if (d.Str("managedDisk.id") is string id) yield return id;
        }

        private List<NetworkPath> NetworkFor(JsonElement vm)
        {
            var paths = new List<NetworkPath>();
            foreach (var nicRef in vm.Array("properties.networkProfile.networkInterfaces"))
            {
                var nic = Get(nicRef.Str("id"));
                if (nic == null) continue;
                var nicNsg = Get(nic.Value.Str("properties.networkSecurityGroup.id"));
                // A NIC can have several ipConfigurations; Azure requires them all in one subnet for the primary NIC's traffic.
                var subnetId = nic.Value.Array("properties.ipConfigurations").Select(c => c.Str("properties.subnet.id")).FirstOrDefault(s => s != null);
                var subnet = SubnetById(subnetId);
                var subnetNsg = Get(subnet.Str("properties.networkSecurityGroup.id"));
                paths.Add(new NetworkPath(nic.Value, nicNsg, subnet, subnetNsg));
            }
            return paths;
        }

        private JsonElement? SubnetById(string? subnetId)
        {
            if (subnetId == null) return null;
            var direct = Get(subnetId);
            if (direct != null) return direct;
            var marker = subnetId.IndexOf("/subnets/", StringComparison.OrdinalIgnoreCase);
            if (marker < 0) return null;
            var vnet = Get(subnetId.Substring(0, marker));
            return vnet?.Array("properties.subnets").Cast<JsonElement?>().FirstOrDefault(s => ArmIds.Same(s!.Value.Id(), subnetId));
        }

        private List<JsonElement> KeyVaultsFor(JsonElement vm, Func<string, JsonElement?> disk)
        {
            var vaultIds = VmDisk.ReadAll(vm, disk)
                .SelectMany(d => d.AdeKeys)
                .SelectMany(k => new[] { k.SecretVaultId, k.KeyVaultId })
                .Where(id => id != null)
                .Distinct(StringComparer.OrdinalIgnoreCase);
            return vaultIds.Select(id => Get(id)).Where(v => v != null).Select(v => v!.Value).ToList();
        }

        /// <summary>For each key vault that uses Azure RBAC, the assignments read for it, each with its role definition.</summary>
        private List<RoleAssignmentFacts> RoleAssignmentsFor(List<JsonElement> keyVaults)
            => keyVaults.Where(kv => kv.Bool("properties.enableRbacAuthorization") == true)
                .SelectMany(kv => _set.RoleAssignmentsOf(kv.Id())
                    .Select(a => new RoleAssignmentFacts(kv.Id(), a, Get(a.Str("properties.roleDefinitionId")))))
                .ToList();

        private static string VaultOf(string childId)
        {
            var marker = childId.IndexOf("/backupFabrics/", StringComparison.OrdinalIgnoreCase);
            if (marker < 0) marker = childId.IndexOf("/backupJobs/", StringComparison.OrdinalIgnoreCase);
            if (marker < 0) marker = childId.IndexOf("/backupPolicies/", StringComparison.OrdinalIgnoreCase);
            return marker < 0 ? childId : childId.Substring(0, marker);
        }
    }
}
