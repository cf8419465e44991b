using System.Linq;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// A readiness check: will this VM's backup fail? Evaluates one VM's <see cref="VmInventory"/>. Adding one is a class
    /// in the area folder, its texts in knowledge/check-texts.json, its test and its page docs/checks/&lt;Id&gt;.md (whose
    /// header and index row are generated); the catalog finds it.
    /// </summary>
    public abstract class ReadinessCheck : Check<VmInventory>
    {
        /// <summary>Whether the check has something to say about a VM that no longer exists (only a vault remembers it).</summary>
        public virtual bool AppliesToMissingVm => false;

        public sealed override bool AppliesTo(VmInventory vm) => vm.Exists || AppliesToMissingVm;

        /// <summary>
        /// When a streaming scan can run the check, from what it <see cref="Check.Reads"/>: on the VM alone (model and
        /// instance view), once the subscription's other lists are in, or with the restore points. A VM's results come in
        /// this order. A check that declares no parts waits for the lists.
        /// </summary>
        public ReadinessStep Step
            => Reads.Contains(InventoryParts.RestorePoints) ? ReadinessStep.WithRestorePoints
                : Reads.Count > 0 && Reads.All(part => part == InventoryParts.VirtualMachines) ? ReadinessStep.VmAlone
                : ReadinessStep.WithLists;

        /// <summary>A Skipped outcome when the inventory part the check needs could not be read; null when it is there.</summary>
        protected static CheckOutcome? SkipIfUnavailable(VmInventory vm, string part)
            => vm.IsUnavailable(part, out var reason)
                ? CheckOutcome.Skipped(CheckText.Common("partUnavailable", ("part", part), ("reason", reason)))
                : null;
    }

    /// <summary>The steps in which a VM's readiness checks run as its data comes in (see <see cref="ReadinessCheck.Step"/>).</summary>
    public enum ReadinessStep
    {
        VmAlone,
        WithLists,
        WithRestorePoints,
    }
}
