using System;
using System.Collections.Concurrent;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// A policy in the ArmClient's pipeline (per attempt, so pages and retries count): paces each subscription's reads
    /// by its <see cref="ReadBudget"/> and keeps at most N requests on the wire for the whole connection. A pacing
    /// pause holds no wire slot, and Azure.Core's Retry-After sleep happens outside this policy, so a throttled
    /// subscription never takes capacity from another. Low-priority reads (<see cref="RequestPriority"/>) wait behind a
    /// subscription's normal ones for its bucket; the wire serves all in the order they come (a subscription's lists
    /// are not worth more than another's restore point reads, and strict order there starved the latter).
    /// </summary>
    internal sealed class ArmTraffic : HttpPipelinePolicy
    {
        public const string RemainingReadsHeader = "x-ms-ratelimit-remaining-subscription-reads";

        private readonly ConcurrentDictionary<string, ReadBudget> _budgets = new ConcurrentDictionary<string, ReadBudget>(StringComparer.OrdinalIgnoreCase);
        private readonly SemaphoreSlim _wire;

        public ArmTraffic(int maxInFlight) => _wire = new SemaphoreSlim(Math.Max(1, maxInFlight));

        public ReadBudget BudgetOf(string subscriptionId) => _budgets.GetOrAdd(subscriptionId, _ => new ReadBudget());

        /// <summary>The subscription with the longest pacing or Retry-After pause still to run, if any.</summary>
        public (string SubscriptionId, TimeSpan Wait)? LongestWait()
        {
            (string, TimeSpan)? longest = null;
            foreach (var pair in _budgets)
            {
                var left = pair.Value.WaitingUntil - pair.Value.Now;
                if (left > TimeSpan.Zero && (longest == null || left > longest.Value.Item2)) longest = (pair.Key, left);
            }
            return longest;
        }

        public override async ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var budget = BudgetFor(message);
            var priority = RequestPriorities.Of(message);
            if (budget != null) await budget.TakeAsync(priority, message.CancellationToken).ConfigureAwait(false);
            try
            {
                await _wire.WaitAsync(message.CancellationToken).ConfigureAwait(false);
                try
                {
                    await ProcessNextAsync(message, pipeline).ConfigureAwait(false);
                }
                finally
                {
                    _wire.Release();
                }
            }
            finally
            {
                Report(budget, message);
            }
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            var budget = BudgetFor(message);
            var priority = RequestPriorities.Of(message);
            if (budget != null) budget.Take(priority, message.CancellationToken);
            try
            {
                _wire.Wait(message.CancellationToken);
                try
                {
                    ProcessNext(message, pipeline);
                }
                finally
                {
                    _wire.Release();
                }
            }
            finally
            {
                Report(budget, message);
            }
        }

        /// <summary>Reads are paced per subscription; writes, deletes and requests outside a subscription are not.</summary>
        private ReadBudget? BudgetFor(HttpMessage message)
        {
            if (message.Request.Method != RequestMethod.Get && message.Request.Method != RequestMethod.Head) return null;
            var segments = message.Request.Uri.Path.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            return segments.Length >= 2 && string.Equals(segments[0], "subscriptions", StringComparison.OrdinalIgnoreCase)
                ? BudgetOf(Uri.UnescapeDataString(segments[1]))
                : null;
        }

        private static void Report(ReadBudget? budget, HttpMessage message)
        {
            if (budget == null) return;
            int? remaining = null;
            TimeSpan? retryAfter = null;
            if (message.HasResponse)
            {
                var response = message.Response;
                if (response.Headers.TryGetValue(RemainingReadsHeader, out var text)
                    && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left))
                    remaining = left;
                if (response.Status == 429) retryAfter = RetryAfterOf(response) ?? TimeSpan.FromSeconds(1);
            }
            budget.Answered(remaining, retryAfter);
        }

        private static TimeSpan? RetryAfterOf(Azure.Response response)
        {
            if (!response.Headers.TryGetValue("Retry-After", out var value) || value == null) return null;
            if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(Math.Max(0, seconds));
            if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                var left = at - DateTimeOffset.UtcNow;
                return left > TimeSpan.Zero ? left : TimeSpan.Zero;
            }
            return null;
        }
    }
}
