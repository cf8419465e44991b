using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>What a scan streams to its front (cmdlet or CLI): results, per-scope errors, and progress.</summary>
    public abstract class ScanEvent { }

    /// <summary>One check's result for one VM.</summary>
    public sealed class ResultEvent : ScanEvent
    {
        public ResultEvent(CheckResult result) => Result = result;
        public CheckResult Result { get; }
    }

    /// <summary>One VM's collected inventory, complete (what checks and repair plans read).</summary>
    public sealed class InventoryEvent : ScanEvent
    {
        public InventoryEvent(VmInventory inventory) => Inventory = inventory;
        public VmInventory Inventory { get; }
    }

    /// <summary>
    /// A scope (subscription, resource group, VM) that could not be scanned, or a part of it that could not be read.
    /// The scan goes on with the rest. <see cref="ErrorId"/> is stable (for ErrorRecords and scripts).
    /// </summary>
    public sealed class ScopeErrorEvent : ScanEvent
    {
        public ScopeErrorEvent(string scope, string errorId, ScopeErrorKind kind, string message)
        {
            Scope = scope;
            ErrorId = errorId;
            Kind = kind;
            Message = message;
        }

        public string Scope { get; }
        public string ErrorId { get; }
        public ScopeErrorKind Kind { get; }
        public string Message { get; }
    }

    /// <summary>Maps onto PowerShell's ErrorCategory without the engine knowing PowerShell.</summary>
    public enum ScopeErrorKind
    {
        NotFound,
        PermissionDenied,
        InvalidArgument,
        Throttled,
        ConnectionError,
        OperationFailed,
    }

    /// <summary>How far the scan is, for Write-Progress / a CLI status line.</summary>
    public sealed class ProgressEvent : ScanEvent
    {
        public ProgressEvent(string activity, string status, int percentComplete)
        {
            Activity = activity;
            Status = status;
            PercentComplete = percentComplete;
        }

        public string Activity { get; }
        public string Status { get; }
        /// <summary>0-100, or -1 when unknown.</summary>
        public int PercentComplete { get; }
    }
}
