using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Tasks;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>Tasks handed back in the order they finish, with a timeout so the caller can report progress meanwhile.</summary>
    internal sealed class CompletionQueue<T>
    {
        private readonly ConcurrentQueue<Task<T>> _finished = new ConcurrentQueue<Task<T>>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);
        private int _pending;

        /// <summary>Tasks added and not yet taken.</summary>
        public int Pending => Volatile.Read(ref _pending);

        public void Add(Task<T> task)
        {
            Interlocked.Increment(ref _pending);
            task.ContinueWith(t =>
            {
                _finished.Enqueue(t);
                _signal.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }

        /// <summary>The next finished task (completed, faulted or cancelled), or null when none finished within the timeout.</summary>
        public async Task<Task<T>?> NextAsync(TimeSpan timeout, CancellationToken ct)
        {
            if (!await _signal.WaitAsync(timeout, ct).ConfigureAwait(false)) return null;
            _finished.TryDequeue(out var task);
            Interlocked.Decrement(ref _pending);
            return task;
        }
    }
}
