using System;
using System.Collections.Generic;
using System.IO;
using System.Management.Automation;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.PowerShell.Errors;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Export-AzBackupInventory: reads what the readiness checks need from ARM (VMs by id, piped from Get-AzVM, by
    /// resource group or by subscription) and saves it to a file, with no verdicts, so it can be evaluated later and
    /// elsewhere with no Azure access: Test-AzVmBackupReadiness -InventoryPath (or azbt readiness --input). The file
    /// holds no token and none of the properties that can carry secrets; it is written under a temporary name and moved
    /// into place only when the collection is complete. Scopes that could not be read are non-terminating errors and
    /// are recorded in the file too.
    /// </summary>
    [Cmdlet(VerbsData.Export, "AzBackupInventory", DefaultParameterSetName = ByResourceId, SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(FileInfo))]
    public sealed class ExportAzBackupInventoryCommand : ScopeCmdlet
    {
        private string _path = "";

        /// <summary>The inventory file to write (JSON).</summary>
        [Parameter(Mandatory = true)]
        [ValidateNotNullOrEmpty]
        public string Path { get; set; } = "";

        /// <summary>Do not read each restore point collection's points; the restore point checks then report Skipped.</summary>
        [Parameter]
        public SwitchParameter SkipRestorePointCount { get; set; }

        /// <summary>Where the inventory lists come from: Auto (Resource Graph above 5 subscriptions), Arm, or ResourceGraph.</summary>
        [Parameter]
        [ValidateSet("Auto", "Arm", "ResourceGraph", IgnoreCase = true)]
        public string InventorySource { get; set; } = "Auto";

        /// <summary>Replace an existing file.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        /// <summary>Write the inventory file's FileInfo to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void BeginProcessing()
        {
            // The file's place is checked before any input is read or any request is sent.
            _path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
            var folder = System.IO.Path.GetDirectoryName(_path);
            if (string.IsNullOrEmpty(folder) || !Directory.Exists(folder))
                ThrowTerminatingError(ErrorRecords.Record($"The folder of -Path does not exist: '{folder}'.", "OutputFolderMissing", ErrorCategory.ObjectNotFound, _path));
            if (File.Exists(_path) && !Force)
                ThrowTerminatingError(ErrorRecords.Record($"The file '{_path}' exists; use -Force to replace it.", "InventoryFileExists", ErrorCategory.ResourceExists, _path));
        }

        protected override void EndProcessing()
        {
            if (Scope.IsEmpty) return; // every input was rejected, and said so
            if (!ShouldProcess(_path, "Save the backup inventory of the given VMs")) return;

            var collector = InventorySources.Create(Connect(), new ScanOptions
            {
                CountRestorePoints = !SkipRestorePointCount,
                InventorySource = (InventorySourceKind)Enum.Parse(typeof(InventorySourceKind), InventorySource, ignoreCase: true),
            });
            var partial = _path + ".partial-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            var vms = 0;
            try
            {
                using (var file = OpenNew(partial))
                    WriteScanEvents(Counted(InventoryFile.RecordAsync(collector.CollectAsync(Scope, StopToken), file, DateTimeOffset.UtcNow, StopToken), () => vms++));
                if (StopToken.IsCancellationRequested) return;
                if (File.Exists(_path)) File.Delete(_path);
                File.Move(partial, _path);
            }
            finally
            {
                if (File.Exists(partial)) File.Delete(partial);
            }
            WriteVerbose($"{vms} VM(s) saved to {_path}.");
            if (PassThru) WriteObject(new FileInfo(_path));
        }

        private FileStream OpenNew(string path)
        {
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (Exception error) when (error is IOException || error is UnauthorizedAccessException)
            {
                ThrowTerminatingError(ErrorRecords.Record($"Could not write next to '{_path}': {error.Message}", "InventoryWriteFailed", ErrorCategory.WriteError, _path));
                throw; // not reached
            }
        }

        /// <summary>The events passed on, counting the VMs whose inventory was saved.</summary>
        private static async IAsyncEnumerable<ScanEvent> Counted(IAsyncEnumerable<ScanEvent> events, Action onVm, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await foreach (var evt in events.WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                if (evt is InventoryEvent) onVm();
                yield return evt;
            }
        }
    }
}
