using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>One subscription's lane: reads from ARM with at most N requests (or paged lists) in flight.</summary>
    internal sealed class BoundedArmReader
    {
        private readonly ArmJsonClient _client;
        private readonly SemaphoreSlim _slots;

        public BoundedArmReader(ArmJsonClient client, int maxConcurrency)
        {
            _client = client;
            _slots = new SemaphoreSlim(System.Math.Max(1, maxConcurrency));
        }

        public Task<List<JsonElement>> ListAsync(string path, string apiVersion, string? query, CancellationToken ct)
            => ListAsync(path, apiVersion, query, null, ct);

        /// <param name="onPage">
        /// Told of each page as it arrives (from a pool thread), before the list is done. The pages then go to it alone and
        /// the list returned is empty: a VM list kept here too would hold every model twice while the join merges them.
        /// </param>
        public async Task<List<JsonElement>> ListAsync(string path, string apiVersion, string? query, Action<IReadOnlyList<JsonElement>>? onPage, CancellationToken ct)
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                var items = new List<JsonElement>();
                await foreach (var page in _client.ListPagesAsync(path, apiVersion, query, ct).ConfigureAwait(false))
                {
                    if (onPage != null) onPage(page);
                    else items.AddRange(page);
                }
                return items;
            }
            finally
            {
                _slots.Release();
            }
        }

        public async Task<JsonElement> GetAsync(string path, string apiVersion, string? query, CancellationToken ct)
        {
            await _slots.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await _client.GetAsync(path, apiVersion, query, ct).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release();
            }
        }
    }
}
