using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// One subscription's lane: reads from ARM with at most N requests (or paged lists) in flight. Lists and other
    /// normal reads get a slot that frees before low-priority ones (restore point reads, see <see cref="RequestPriority"/>),
    /// but leave a quarter of the lane to them while they wait: lists take seconds of pages (and of the client's CPU)
    /// using few tokens, and the bucket refills at the same rate whether it is used or not.
    /// </summary>
    internal sealed class BoundedArmReader
    {
        private readonly ArmJsonClient _client;
        private readonly PrioritySlots _slots;

        public BoundedArmReader(ArmJsonClient client, int maxConcurrency)
        {
            _client = client;
            _slots = new PrioritySlots(maxConcurrency, lowShare: maxConcurrency / 4);
        }

        public Task<List<JsonElement>> ListAsync(string path, string apiVersion, string? query, CancellationToken ct)
            => ListAsync(path, apiVersion, query, null, ct);

        /// <param name="onPage">
        /// Told of each page as it arrives (from a pool thread), before the list is done. The pages then go to it alone and
        /// the list returned is empty: a VM list kept here too would hold every model twice while the join merges them.
        /// </param>
        public async Task<List<JsonElement>> ListAsync(string path, string apiVersion, string? query, Action<IReadOnlyList<JsonElement>>? onPage, CancellationToken ct)
        {
            await _slots.WaitAsync(RequestPriority.Normal, ct).ConfigureAwait(false);
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
                _slots.Release(RequestPriority.Normal);
            }
        }

        public Task<JsonElement> GetAsync(string path, string apiVersion, string? query, CancellationToken ct)
            => GetAsync(path, apiVersion, query, RequestPriority.Normal, ct);

        public async Task<JsonElement> GetAsync(string path, string apiVersion, string? query, RequestPriority priority, CancellationToken ct)
        {
            await _slots.WaitAsync(priority, ct).ConfigureAwait(false);
            try
            {
                return await _client.GetAsync(path, apiVersion, query, priority, ct).ConfigureAwait(false);
            }
            finally
            {
                _slots.Release(priority);
            }
        }
    }
}
