using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// One state change a repair intends, described for a confirmation prompt (the cmdlet's ShouldProcess). Locks that
    /// must be lifted for it are part of the same action, so a user confirms "delete X (lifting lock L, put back after)".
    /// </summary>
    public sealed class PlannedAction
    {
        public PlannedAction(string action, string target, string description, IReadOnlyList<LockInfo>? locksToLift = null)
        {
            Action = action;
            Target = target;
            Description = description;
            LocksToLift = locksToLift ?? System.Array.Empty<LockInfo>();
        }

        public string Action { get; }
        public string Target { get; }
        /// <summary>What happens, in words: the ShouldProcess action text.</summary>
        public string Description { get; }
        public IReadOnlyList<LockInfo> LocksToLift { get; }

        /// <summary>Set by the front after asking the user; only approved actions run.</summary>
        public bool Approved { get; set; }

        /// <summary>The record of this action not taken (-WhatIf, --dry-run, or declined).</summary>
        public RepairRecord WhatIf(string vmId, string? jobId = null)
            => new RepairRecord { VmId = vmId, Action = Action, Target = Target, JobId = jobId, Status = RepairStatus.WhatIf, Message = "What if: " + Description };
    }
}
