using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>One thing a subscription collector got done: VMs read, its lists, one collection's restore points, or all of it.</summary>
    internal sealed class CollectionStep
    {
        public SubscriptionCollector? Collector { get; private set; }
        public IReadOnlyList<JsonElement>? Vms { get; private set; }
        public bool ListsIn { get; private set; }
        public string? CollectionId { get; private set; }
        public Task<SubscriptionCollector>? Finished { get; private set; }

        public static CollectionStep VmsRead(SubscriptionCollector c, IReadOnlyList<JsonElement> vms) => new CollectionStep { Collector = c, Vms = vms };
        public static CollectionStep Lists(SubscriptionCollector c) => new CollectionStep { Collector = c, ListsIn = true };
        public static CollectionStep Collection(SubscriptionCollector c, string id) => new CollectionStep { Collector = c, CollectionId = id };
        public static CollectionStep Done(Task<SubscriptionCollector> task) => new CollectionStep { Finished = task };
    }

    /// <summary>
    /// The steps of every subscription collector of a scan, in the order they happened (one collector's steps stay in
    /// its order), for the scan's single loop to turn into events; with a timeout so the loop can report progress.
    /// </summary>
    internal sealed class CollectionSteps : ICollectionListener
    {
        private readonly ConcurrentQueue<CollectionStep> _steps = new ConcurrentQueue<CollectionStep>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private int _running;

        /// <summary>Collectors added whose Done step has not been taken yet.</summary>
        public int Running => Volatile.Read(ref _running);

        public void Add(Task<SubscriptionCollector> collecting)
        {
            Interlocked.Increment(ref _running);
            collecting.ContinueWith(t => Post(CollectionStep.Done(t)), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        public void VmsRead(SubscriptionCollector collector, IReadOnlyList<JsonElement> vms) => Post(CollectionStep.VmsRead(collector, vms));

        public void ListsIn(SubscriptionCollector collector) => Post(CollectionStep.Lists(collector));

        public void CollectionRead(SubscriptionCollector collector, string collectionId) => Post(CollectionStep.Collection(collector, collectionId));

        /// <summary>The next step, or null when none came within the timeout.</summary>
        public async Task<CollectionStep?> NextAsync(TimeSpan timeout, CancellationToken ct)
        {
            if (!await _signal.WaitAsync(timeout, ct).ConfigureAwait(false)) return null;
            _steps.TryDequeue(out var step);
            if (step!.Finished != null) Interlocked.Decrement(ref _running);
            return step;
        }

        private void Post(CollectionStep step)
        {
            _steps.Enqueue(step);
            _signal.Release();
        }
    }
}
