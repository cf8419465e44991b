using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>What to scan: VM ids, resource groups, and/or whole subscriptions. Built from user input, validated here.</summary>
    public sealed class ScanScope
    {
        private readonly List<VmId> _vms = new();
        private readonly List<(string SubscriptionId, string ResourceGroup, string? VmName)> _groups = new();
        private readonly List<string> _subscriptions = new();

        public IReadOnlyList<VmId> Vms => _vms;
        public IReadOnlyList<(string SubscriptionId, string ResourceGroup, string? VmName)> ResourceGroups => _groups;
        public IReadOnlyList<string> Subscriptions => _subscriptions;

        public bool IsEmpty => _vms.Count == 0 && _groups.Count == 0 && _subscriptions.Count == 0;

        /// <summary>Adds a VM by resource id. Throws an InvalidInput <see cref="Errors.AzbtException"/> for a malformed id (<see cref="Identifiers"/>).</summary>
        public ScanScope AddVm(string resourceId)
        {
            var id = Identifiers.VmId(resourceId);
            if (!_vms.Any(v => ArmIds.Same(v.ToString(), id.ToString()))) _vms.Add(id);
            return this;
        }

        /// <summary>Adds a resource group (optionally one VM name in it). Each value is checked by <see cref="Identifiers"/>.</summary>
        public ScanScope AddResourceGroup(string subscriptionId, string resourceGroup, string? vmName = null)
        {
            subscriptionId = Identifiers.SubscriptionId(subscriptionId);
            resourceGroup = Identifiers.ResourceGroupName(resourceGroup);
            _groups.Add((subscriptionId, resourceGroup, string.IsNullOrWhiteSpace(vmName) ? null : Identifiers.VmName(vmName)));
            return this;
        }

        public ScanScope AddSubscription(string subscriptionId)
        {
            subscriptionId = Identifiers.SubscriptionId(subscriptionId);
            if (!_subscriptions.Contains(subscriptionId, StringComparer.OrdinalIgnoreCase)) _subscriptions.Add(subscriptionId);
            return this;
        }

        /// <summary>Every subscription the scope touches, each once.</summary>
        public IReadOnlyList<string> AllSubscriptions()
            => _subscriptions.Concat(_groups.Select(g => g.SubscriptionId)).Concat(_vms.Select(v => v.SubscriptionId))
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        /// <summary>Whether a VM id is inside the scope.</summary>
        public bool Contains(string vmId)
        {
            if (!ArmIds.TryParseVmId(vmId, out var id)) return false;
            if (_subscriptions.Contains(id.SubscriptionId, StringComparer.OrdinalIgnoreCase)) return true;
            if (_groups.Any(g => Eq(g.SubscriptionId, id.SubscriptionId) && Eq(g.ResourceGroup, id.ResourceGroup) && (g.VmName == null || Eq(g.VmName, id.Name)))) return true;
            return _vms.Any(v => ArmIds.Same(v.ToString(), vmId));
        }

        /// <summary>Whether the scope covers the whole of this subscription (so every VM in it is wanted).</summary>
        public bool CoversSubscription(string subscriptionId) => _subscriptions.Contains(subscriptionId, StringComparer.OrdinalIgnoreCase);

        private static bool Eq(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
