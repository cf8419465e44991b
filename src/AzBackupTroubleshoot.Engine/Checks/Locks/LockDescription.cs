using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.Locks
{
    /// <summary>How the two lock checks name a lock and show it as evidence, so both say it the same way.</summary>
    internal static class LockDescription
    {
        public static bool IsReadOnly(LockInfo l) => string.Equals(l.Level, "ReadOnly", StringComparison.OrdinalIgnoreCase);

        /// <summary>"'name' (ReadOnly, on the subscription)" / "(CanNotDelete, on resource group 'rg')" / "(..., on resource 'x')".</summary>
        public static string Describe(LockInfo l)
        {
            string where;
            if (l.IsOnSubscription) where = "inherited from the subscription";
            else if (ArmIds.Same(l.Scope, ArmIds.ResourceGroupId(ArmIds.SubscriptionOf(l.Scope) ?? "", ArmIds.ResourceGroupOf(l.Scope) ?? "")))
                where = $"on resource group '{ArmIds.ResourceGroupOf(l.Scope)}'";
            else where = $"on resource '{ArmIds.NameOf(l.Scope)}'";
            return $"'{l.Name}' ({l.Level}, {where})";
        }

        public static Evidence[] AsEvidence(IEnumerable<LockInfo> locks)
            => locks.Select(l => new Evidence(l.Id, "properties.level", l.Level)).ToArray();
    }
}
