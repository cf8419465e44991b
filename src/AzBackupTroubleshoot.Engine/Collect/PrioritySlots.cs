using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// N slots, like a semaphore, but a slot that frees goes to a waiting normal request before a waiting low one (each
    /// kind in the order it asked), except that while low requests wait, normal ones hold at most N minus a share kept
    /// for the low ones: a lane's lists go first, yet its restore point reads keep using the bucket while the lists run.
    /// A request holding a slot keeps it: priority decides who waits, not who stops.
    /// </summary>
    internal sealed class PrioritySlots
    {
        private readonly object _sync = new object();
        private readonly Queue<TaskCompletionSource<bool>> _normal = new Queue<TaskCompletionSource<bool>>();
        private readonly Queue<TaskCompletionSource<bool>> _low = new Queue<TaskCompletionSource<bool>>();
        private readonly int _normalCapWhileLowWaits;
        private int _free;
        private int _normalHeld;

        /// <param name="lowShare">Slots normal requests leave to waiting low ones (0: low ones only get what normal ones leave).</param>
        public PrioritySlots(int count, int lowShare = 0)
        {
            _free = System.Math.Max(1, count);
            _normalCapWhileLowWaits = System.Math.Max(1, _free - System.Math.Max(0, lowShare));
        }

        public Task WaitAsync(RequestPriority priority, CancellationToken ct)
        {
            ct.ThrowIfCancellationRequested();
            var waiter = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_sync)
            {
                (priority == RequestPriority.Low ? _low : _normal).Enqueue(waiter);
                Dispatch();
            }
            if (waiter.Task.IsCompleted || !ct.CanBeCanceled) return waiter.Task;
            // A cancelled waiter stays queued; Dispatch passes over it (its TrySetResult fails).
            var registration = ct.Register(() => waiter.TrySetCanceled(ct));
            waiter.Task.ContinueWith(_ => registration.Dispose(), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return waiter.Task;
        }

        /// <param name="priority">The priority the slot was taken with.</param>
        public void Release(RequestPriority priority)
        {
            lock (_sync)
            {
                if (priority == RequestPriority.Normal) _normalHeld--;
                _free++;
                Dispatch();
            }
        }

        // Under _sync: hands free slots to waiters, normal ones first within their cap.
        private void Dispatch()
        {
            while (_free > 0)
            {
                if (_normal.Count > 0 && (_normalHeld < _normalCapWhileLowWaits || _low.Count == 0))
                {
                    if (!_normal.Dequeue().TrySetResult(true)) continue; // cancelled meanwhile
                    _normalHeld++;
                }
                else if (_low.Count > 0)
                {
                    if (!_low.Dequeue().TrySetResult(true)) continue;
                }
                else return;
                _free--;
            }
        }
    }
}
