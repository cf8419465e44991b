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

        /// <summary>"'name' (ReadOnly, inherited from the subscription)" / "(CanNotDelete, on resource group 'rg')" / "(..., on resource 'x')".</summary>
        public static CheckText Describe(LockInfo l)
        {
            if (l.IsOnSubscription) return CheckText.Common("lock.onSubscription", ("name", l.Name), ("level", l.Level));
            if (ArmIds.Same(l.Scope, ArmIds.ResourceGroupId(ArmIds.SubscriptionOf(l.Scope) ?? "", ArmIds.ResourceGroupOf(l.Scope) ?? "")))
                return CheckText.Common("lock.onResourceGroup", ("name", l.Name), ("level", l.Level), ("group", ArmIds.ResourceGroupOf(l.Scope)));
            return CheckText.Common("lock.onResource", ("name", l.Name), ("level", l.Level), ("resource", ArmIds.NameOf(l.Scope)));
        }

        /// <summary>The locks described, comma-separated.</summary>
        public static CheckTextList DescribeAll(IEnumerable<LockInfo> locks) => new CheckTextList(", ", locks.Select(Describe));

        public static Evidence[] AsEvidence(IEnumerable<LockInfo> locks)
            => locks.Select(l => new Evidence(l.Id, "properties.level", l.Level)).ToArray();
    }
}
