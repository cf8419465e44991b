using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// Which subscriptions of a Resource Graph batch every query has passed, so each can be built as soon as its rows are
    /// all in rather than when the batch's last query is (at 10 x 10,000 the ten subscriptions' rows otherwise all fill
    /// their sets at once: docs/performance.md, "Where the memory goes").
    /// Each query orders by id (the VM query by the lower-case id), and an id begins with its subscription, so one
    /// subscription's rows are adjacent: a query has passed a subscription once a row of another one follows its rows, or
    /// once the query has ended. Only that adjacency is relied on, not how Resource Graph compares ids when it sorts.
    /// Not thread-safe: the reader holds its batch's lock.
    /// </summary>
    internal sealed class SubscriptionsPassed
    {
        private readonly IReadOnlyList<string> _batch;
        private readonly int _queries;
        private readonly string?[] _current;
        private readonly HashSet<string>[] _passed;
        private readonly Dictionary<string, int> _passedBy;
        private readonly Dictionary<string, string> _spelling;
        private readonly HashSet<string> _complete = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <param name="batch">The batch's subscriptions, as the scope spells them.</param>
        /// <param name="queries">How many queries the batch sends; each must end (<see cref="Ended"/>) or fail.</param>
        public SubscriptionsPassed(IReadOnlyList<string> batch, int queries)
        {
            _batch = batch;
            _queries = queries;
            _current = new string?[queries];
            _passed = Enumerable.Range(0, queries).Select(_ => new HashSet<string>(StringComparer.OrdinalIgnoreCase)).ToArray();
            _passedBy = batch.ToDictionary(s => s, _ => 0, StringComparer.OrdinalIgnoreCase);
            _spelling = batch.ToDictionary(s => s, s => s, StringComparer.OrdinalIgnoreCase);
        }

        /// <summary>Whether every query has passed the subscription: its rows are all in.</summary>
        public bool IsComplete(string subscription) => _complete.Contains(subscription);

        /// <summary>
        /// A page of query <paramref name="query"/>, as the subscriptions of its rows in order (null: a row outside the
        /// batch's subscriptions, which no list takes); returns the subscriptions this completes, in the batch's spelling.
        /// </summary>
        public List<string> Rows(int query, IEnumerable<string?> subscriptions)
        {
            var completed = new List<string>();
            foreach (var subscription in subscriptions)
            {
                if (subscription == null || !_passedBy.ContainsKey(subscription)) continue;
                if (_current[query] is string current && !string.Equals(current, subscription, StringComparison.OrdinalIgnoreCase))
                    Pass(query, current, completed);
                _current[query] = subscription;
            }
            return completed;
        }

        /// <summary>Query <paramref name="query"/> read its last page: it has passed every subscription.</summary>
        public List<string> Ended(int query)
        {
            var completed = new List<string>();
            foreach (var subscription in _batch) Pass(query, subscription, completed);
            return completed;
        }

        private void Pass(int query, string subscription, List<string> completed)
        {
            if (!_passed[query].Add(subscription)) return;
            var key = _spelling[subscription];
            if (++_passedBy[key] < _queries) return;
            _complete.Add(key);
            completed.Add(key);
        }
    }
}
