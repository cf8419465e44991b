using System.Collections.Generic;
using System.Threading;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Collect
{
    public sealed class ArmInventoryCollector
    {
        private readonly ArmConnection _connection;
        public ArmInventoryCollector(ArmConnection connection) => _connection = connection;

        public async IAsyncEnumerable<ScanEvent> ScanAsync(ScanScope scope, CheckRunner runner, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await System.Threading.Tasks.Task.Yield();
            throw new System.NotImplementedException("being written in this session");
#pragma warning disable CS0162
            yield break;
        }
    }
}
