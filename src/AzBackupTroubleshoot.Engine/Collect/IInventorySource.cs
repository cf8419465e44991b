using System.Collections.Generic;
using System.Threading;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// Where inventories come from: ARM (<see cref="ArmInventoryCollector"/>) or a saved file. Streams one
    /// <see cref="InventoryEvent"/> per VM in the scope, plus scope errors and progress.
    /// </summary>
    public interface IInventorySource
    {
        IAsyncEnumerable<ScanEvent> CollectAsync(ScanScope scope, CancellationToken cancellationToken = default);
    }
}
