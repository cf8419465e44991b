using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// What Resource Graph gives for one subscription, as it comes in: the restore point collections page by page (their
    /// restore point reads need nothing else), each VM's model once its rows are in (the checks on the VM alone need
    /// nothing else), and the other lists once every query of the batch has passed the subscription (<see cref="SubscriptionsPassed"/>).
    /// </summary>
    internal sealed class SubscriptionPreload
    {
        private readonly TaskCompletionSource<bool> _completion = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _batchEnd = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);

        /// <summary>Every row but the VMs and their extensions (in <see cref="Vms"/>), once its rows are in: as text, as the set keeps them.</summary>
        public List<GraphRow> Resources { get; } = new List<GraphRow>();

        /// <summary>Why the batch could not be read; set before <see cref="Completion"/> ends. Then the rows are not to be used.</summary>
        public Exception? Failure { get; private set; }

        /// <summary>
        /// The VM models (extensions attached, as text) in the VM query's order, each once its rows are all in (<see cref="VmRowWalk"/>);
        /// all of them have been handed on when <see cref="Completion"/> ends. VMs read before a query of the batch failed
        /// are handed on too: the checks on the VM alone need nothing else.
        /// </summary>
        public RowFeed Vms { get; } = new RowFeed();

        /// <summary>The restore point collection rows as their pages arrive (also in <see cref="Resources"/>).</summary>
        public RowFeed Collections { get; } = new RowFeed();

        /// <summary>
        /// Ends when every query of the batch has passed this subscription (<see cref="SubscriptionsPassed"/>): its rows
        /// are all in, while later subscriptions' may still be coming. Or when a query failed before passing it.
        /// </summary>
        public Task Completion => _completion.Task;

        /// <summary>Ends when every query of the batch has ended (after <see cref="Completion"/>); then <see cref="LateRow"/> is final.</summary>
        public Task BatchEnd => _batchEnd.Task;

        /// <summary>
        /// The id of a row of this subscription that came after <see cref="Completion"/>: Resource Graph broke the order its
        /// rows were asked in, so what was built may lack that resource (a scope error says so; never dropped in silence).
        /// </summary>
        public string? LateRow { get; private set; }

        internal void Complete(Exception? failure)
        {
            Failure = failure;
            _completion.TrySetResult(true);
        }

        internal void Late(string id) => LateRow ??= id;

        internal void EndBatch() => _batchEnd.TrySetResult(true);
    }

    /// <summary>Rows handed on as they arrive: to the one subscriber, or kept until it subscribes. Thread-safe.</summary>
    internal sealed class RowFeed
    {
        private readonly object _gate = new object();
        private List<GraphRow>? _kept = new List<GraphRow>();
        private Action<IReadOnlyList<GraphRow>>? _sink;

        public void Add(IReadOnlyList<GraphRow> rows)
        {
            Action<IReadOnlyList<GraphRow>>? sink;
            lock (_gate)
            {
                sink = _sink;
                if (sink == null) _kept!.AddRange(rows);
            }
            sink?.Invoke(rows);
        }

        /// <summary>Hands <paramref name="sink"/> the rows kept so far, then every later page.</summary>
        public void Subscribe(Action<IReadOnlyList<GraphRow>> sink)
        {
            List<GraphRow> kept;
            lock (_gate)
            {
                kept = _kept!;
                _kept = null;
                _sink = sink;
            }
            if (kept.Count > 0) sink(kept);
        }
    }

    /// <summary>
    /// Reads the inventory lists of many subscriptions from Azure Resource Graph (POST
    /// /providers/Microsoft.ResourceGraph/resources, api-version 2022-10-01) through the ArmClient's pipeline: eleven
    /// queries (one per type, VMs with their extensions) per batch of up to <see cref="SubscriptionsPerQuery"/> subscriptions, each paged by $skipToken at
    /// <see cref="PageSize"/> rows, paced by the user quota headers. The projected columns are ARM's top-level members;
    /// <see cref="ResourceGraphRows"/> turns the rows back into ARM's shapes.
    /// </summary>
    internal sealed class ResourceGraphReader
    {
        public const string Path = "/providers/Microsoft.ResourceGraph/resources";

        /// <summary>Resource Graph's largest page ($top maximum in resourcegraph.json).</summary>
        public const int PageSize = 1000;

        /// <summary>Subscriptions named in one query.</summary>
        public const int SubscriptionsPerQuery = 1000;

        private const string Columns = "id, name, type, location, tags, sku, zones, identity, kind, plan, managedBy, properties";

        private readonly ArmJsonClient _json;
        private readonly DateTimeOffset _now;
        private readonly GraphQuota _quota;
        private readonly ScanProgress? _progress;

        /// <summary>Queries to send instead of <see cref="Queries"/> (tests: a shape the service refuses).</summary>
        internal IReadOnlyList<string>? QueryOverride { get; set; }

        /// <param name="progress">Told of the queries planned and of each page read.</param>
        public ResourceGraphReader(ArmJsonClient json, DateTimeOffset now, GraphQuota quota, ScanProgress? progress = null)
        {
            _progress = progress;
            _json = json;
            _now = now;
            _quota = quota;
        }

        /// <summary>The queries azbt sends (the emulator's parser takes exactly these shapes), in the order they are sent.</summary>
        public IReadOnlyList<string> Queries() => Waves().SelectMany(w => w.Queries).ToList();

        /// <summary>
        /// The queries in waves by what they unblock: the restore point collections (their reads, the counted scan's
        /// longest part, start per page), then the VMs with their extensions (the checks on the VM alone, per VM as its
        /// rows come: <see cref="VmRowWalk"/>), then the rest.
        /// All are sent at once; when the quota is short, an earlier wave's queries take it first (<see cref="GraphQuota"/>).
        /// </summary>
        private IReadOnlyList<QueryWave> Waves()
        {
            var start = _now.UtcDateTime.AddDays(-SubscriptionCollector.JobHistoryDays).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var end = _now.UtcDateTime.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            // One query per Resources type, so their pages are read side by side rather than one long chain (the quota
            // counts queries either way: the total is about the same number of 1,000-row pages).
            static string Of(string type) => $"Resources | where type =~ '{type.ToLowerInvariant()}' | project {Columns} | order by id asc";
            return new[]
            {
                new QueryWave(new[] { Of(ResourceTypes.RestorePointCollection) }, Vms: false, PagesSideBySide: true),
                new QueryWave(new[] { VmRowWalk.Query(Columns) }, Vms: true),
                new QueryWave(new[]
                {
                    Of(ResourceTypes.Disk), Of(ResourceTypes.NetworkInterface), Of(ResourceTypes.NetworkSecurityGroup), Of(ResourceTypes.VirtualNetwork),
                    Of(ResourceTypes.RecoveryServicesVault), Of(ResourceTypes.KeyVault),
                    $"RecoveryServicesResources | where type =~ '{ResourceTypes.ProtectedItem.ToLowerInvariant()}' | where properties.backupManagementType =~ 'AzureIaasVM' and properties.workloadType =~ 'VM' | project {Columns} | order by id asc",
                    $"RecoveryServicesResources | where type =~ '{ResourceTypes.BackupPolicy.ToLowerInvariant()}' | project {Columns} | order by id asc",
                    $"RecoveryServicesResources | where type =~ '{ResourceTypes.BackupJob.ToLowerInvariant()}' | where properties.backupManagementType =~ 'AzureIaasVM' and todatetime(properties.startTime) between (datetime({start}) .. datetime({end})) | project {Columns} | order by id asc",
                }, Vms: false),
            };
        }

        /// <summary>
        /// Queries sent side by side; <paramref name="Vms"/>: the one query is the VM query, its rows walked by a
        /// <see cref="VmRowWalk"/>; <paramref name="PagesSideBySide"/>: each query's pages too (QueryAsync), for the
        /// collections: one after the other, the last subscriptions' restore point reads waited 7-10 s for their page at 10 x 10,000.
        /// </summary>
        private sealed record QueryWave(IReadOnlyList<string> Queries, bool Vms, bool PagesSideBySide = false);

        /// <summary>
        /// Starts reading every subscription's rows; each subscription's <see cref="SubscriptionPreload"/> fills as they come.
        /// A batch whose query fails with an answer (400, 403, 429 after retries, 5xx) gives each of its subscriptions
        /// that failure (the later queries are still sent); a failure without one (connection, token) ends the returned task.
        /// </summary>
        public (IReadOnlyDictionary<string, SubscriptionPreload> Preloads, Task Reading) Start(IReadOnlyList<string> subscriptions, CancellationToken ct)
        {
            var preloads = subscriptions.ToDictionary(s => s, _ => new SubscriptionPreload(), StringComparer.OrdinalIgnoreCase);
            var batches = subscriptions.Select((s, i) => (s, i)).GroupBy(p => p.i / SubscriptionsPerQuery, p => p.s).Select(g => g.ToList()).ToList();
            var waves = QueryOverride != null ? new[] { new QueryWave(QueryOverride, Vms: false) } : Waves();
            _progress?.GraphQueriesPlanned(batches.Count * waves.Sum(w => w.Queries.Count));
            return (preloads, Task.WhenAll(batches.Select(batch => ReadBatchAsync(batch, waves, preloads, ct))));
        }

        private async Task ReadBatchAsync(List<string> batch, IReadOnlyList<QueryWave> waves, IReadOnlyDictionary<string, SubscriptionPreload> preloads, CancellationToken ct)
        {
            // Every page of every query is taken under this lock, so each subscription completes once, after its last row.
            var gate = new object();
            var passed = new SubscriptionsPassed(batch, waves.Sum(w => w.Queries.Count));
            Exception? failure = null;
            void Complete(List<string> subscriptions)
            {
                foreach (var s in subscriptions)
                {
                    ResourceGraphRows.Arrange(preloads[s].Resources);
                    preloads[s].Complete(null);
                }
            }
            async Task ReadWaveAsync(QueryWave wave, int rank)
            {
                var first = waves.Take(rank).Sum(w => w.Queries.Count); // the wave's queries' numbers in the batch
                // The VMs go on as each is complete; the collections' pages feed their restore point reads.
                var vms = wave.Vms ? new VmRowWalk() : null;
                void OnPage(int query, IReadOnlyList<GraphRow> page)
                {
                    lock (gate)
                    {
                        if (vms != null) HandOn(vms.Add(page), preloads, passed);
                        else
                        {
                            FeedCollections(page, preloads, passed);
                            foreach (var row in page) Route(row, preloads, passed);
                        }
                        Complete(passed.Rows(query, page.Select(r => ArmIds.SubscriptionOf(r.Id))));
                    }
                }
                var answers = await Task.WhenAll(wave.Queries.Select((q, i) => CaptureAsync(q, batch, rank, wave.PagesSideBySide, page => OnPage(first + i, page), ct))).ConfigureAwait(false);
                lock (gate)
                {
                    for (var i = 0; i < answers.Length; i++)
                    {
                        if (answers[i] is Exception failed)
                        {
                            // The subscriptions this query had not passed get the failure (a scope error); those it had stand.
                            failure ??= failed;
                            continue;
                        }
                        if (vms != null) HandOn(vms.End(), preloads, passed);
                        Complete(passed.Ended(first + i));
                    }
                }
            }
            try
            {
                await Task.WhenAll(waves.Select(ReadWaveAsync)).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // No answer (connection, token): the scan ends through the returned task; the collectors waiting here end too.
                failure = ex;
                throw;
            }
            finally
            {
                lock (gate)
                    foreach (var s in batch)
                    {
                        if (!passed.IsComplete(s)) preloads[s].Complete(failure);
                        preloads[s].EndBatch();
                    }
            }
        }

        /// <summary>The subscription a row belongs to, if it is one of the reader's and its rows are not complete yet (else the row is late: kept on the preload).</summary>
        private static SubscriptionPreload? Open(string id, IReadOnlyDictionary<string, SubscriptionPreload> preloads, SubscriptionsPassed passed)
        {
            if (ArmIds.SubscriptionOf(id) is not string sub || !preloads.TryGetValue(sub, out var preload)) return null;
            if (!passed.IsComplete(sub)) return preload;
            preload.Late(id);
            return null;
        }

        /// <summary>One row (not of the VM query) to its subscription's lists.</summary>
        private static void Route(GraphRow row, IReadOnlyDictionary<string, SubscriptionPreload> preloads, SubscriptionsPassed passed)
            => Open(row.Id, preloads, passed)?.Resources.Add(row);

        /// <summary>Complete VM models to their subscriptions' feeds at once.</summary>
        private static void HandOn(List<GraphRow> vms, IReadOnlyDictionary<string, SubscriptionPreload> preloads, SubscriptionsPassed passed)
        {
            foreach (var group in vms.GroupBy(vm => ArmIds.SubscriptionOf(vm.Id) ?? "", StringComparer.OrdinalIgnoreCase))
                if (Open(group.First().Id, preloads, passed) is SubscriptionPreload preload) preload.Vms.Add(group.ToList());
        }

        /// <summary>A page's restore point collections to their subscriptions' feeds at once (their reads need nothing else).</summary>
        private static void FeedCollections(IReadOnlyList<GraphRow> page, IReadOnlyDictionary<string, SubscriptionPreload> preloads, SubscriptionsPassed passed)
        {
            foreach (var group in page.Where(r => r.Type == ResourceTypes.RestorePointCollection).GroupBy(r => ArmIds.SubscriptionOf(r.Id) ?? "", StringComparer.OrdinalIgnoreCase))
                if (Open(group.First().Id, preloads, passed) is SubscriptionPreload preload) preload.Collections.Add(group.ToList());
        }

        /// <summary>Reads one query, its pages to <paramref name="onPage"/>; the failure that ended it, if it had an answer (else it throws).</summary>
        private async Task<Exception?> CaptureAsync(string query, List<string> subscriptions, int rank, bool pagesSideBySide,
            Action<IReadOnlyList<GraphRow>> onPage, CancellationToken ct)
        {
            try
            {
                await QueryAsync(query, subscriptions, onPage, ct, rank, pagesSideBySide).ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                _progress?.GraphPageRead(0, morePages: false); // the query ended here
                return ex;
            }
        }

        /// <summary>
        /// One query over every page. The first page says how many rows there are (totalRecords); with
        /// <paramref name="pagesSideBySide"/> the others are then asked for all at once by $skip (documented with
        /// `order by id` in "Paging Resource Graph results"), else one after the other, each by the previous answer's
        /// $skipToken. Pages are handed on in order.
        /// </summary>
        /// <param name="onPage">Told of each page's rows (converted) as it arrives.</param>
        /// <param name="rank">Its wave: when the quota is short, lower ranks take it first.</param>
        /// <param name="pagesSideBySide">For queries whose pages unblock work (the restore point reads): pages a chain would send one per round trip go at once.</param>
        public async Task QueryAsync(string query, IReadOnlyList<string> subscriptions, Action<IReadOnlyList<GraphRow>> onPage, CancellationToken ct,
            int rank = 0, bool pagesSideBySide = false)
        {
            using var chain = _quota.Open(rank);
            // Rows are not kept here (each goes on with its page): only, for pages side by side, the ids handed on, in
            // case the pages did not fit and the query is read again.
            var ids = pagesSideBySide ? new List<string>() : null;
            var read = 0;
            HashSet<string>? handedOn = null; // after pages side by side did not fit: the ids already handed on
            void Take(IReadOnlyList<GraphRow> page)
            {
                var fresh = handedOn == null ? page : page.Where(r => handedOn.Add(r.Id)).ToList();
                read += fresh.Count;
                ids?.AddRange(fresh.Select(r => r.Id));
                onPage(fresh);
            }
            // Which way the rest goes is known from the first answer, before its rows are converted: the quota keeps
            // room for those pages from then on.
            bool SideBySide(PageHead h) => pagesSideBySide && h.SkipToken != null && h.Count > 1 && h.Total > h.Count;
            var first = await ReadPageAsync(chain, query, subscriptions, PageSize, null, null,
                h => SideBySide(h) ? PagesSideBySide(h) : PagesInChain(h, 0), ct).ConfigureAwait(false);
            _progress?.GraphPageRead(first.Rows.Count, morePages: false);
            Take(first.Rows);
            var next = first;
            if (SideBySide(first.Head))
            {
                var (last, fits) = await ReadSideBySideAsync(chain, query, subscriptions, first, Take, ct).ConfigureAwait(false);
                if (fits) next = last;
                else handedOn = new HashSet<string>(ids!, StringComparer.OrdinalIgnoreCase); // read again from the first page's token
            }
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (next.SkipToken != null)
            {
                if (!seen.Add(next.SkipToken))
                    throw new Errors.AzbtException(Errors.FailureKind.ServiceError, Errors.FailureCodes.PagingLoop,
                        "Resource Graph returned the same $skipToken twice; the query was read only in part.", Path);
                _progress?.GraphQueriesPlanned(1);
                var before = read;
                next = await ReadPageAsync(chain, query, subscriptions, PageSize, next.SkipToken, null, h => PagesInChain(h, before), ct).ConfigureAwait(false);
                _progress?.GraphPageRead(next.Rows.Count, morePages: false);
                Take(next.Rows);
            }
        }

        /// <summary>What an answer says of the query before its rows are read: its row count over all pages, this page's rows, the next page's token.</summary>
        private sealed record PageHead(long Total, int Count, string? SkipToken);

        /// <summary>A page of a query's answer: its rows (converted to ARM's shapes) and its head.</summary>
        private sealed record GraphPage(List<GraphRow> Rows, PageHead Head)
        {
            public string? SkipToken => Head.SkipToken;
        }

        /// <summary>Pages a chain still sends after this one, <paramref name="before"/> rows having come before it.</summary>
        private static int PagesInChain(PageHead h, int before)
            => h.SkipToken == null ? 0 : Math.Max(1, (int)Math.Ceiling((h.Total - before - h.Count) / (double)Math.Max(1, h.Count)));

        /// <summary>Pages asked for side by side after the first: each repeats the row the page before ended with.</summary>
        private static int PagesSideBySide(PageHead first) => (int)Math.Ceiling((first.Total - first.Count) / (double)(first.Count - 1));

        /// <summary>
        /// The pages after <paramref name="first"/>, asked for side by side by $skip and handed on in order. Each starts one
        /// row early, on the row the page before it ended with: if it does not, the rows moved between the two answers (a
        /// resource created or deleted meanwhile), and the caller reads the query again by $skipToken, passing over the
        /// rows already handed on, rather than miss or repeat a row. Returns the last page handed on and whether every
        /// page fitted (then the last page's token, if any, goes on).
        /// </summary>
        private async Task<(GraphPage Last, bool Fits)> ReadSideBySideAsync(GraphQuota.Query chain, string query, IReadOnlyList<string> subscriptions,
            GraphPage first, Action<IReadOnlyList<GraphRow>> take, CancellationToken ct)
        {
            // The size the service pages at (it may answer fewer rows than $top asks for): each later page asks for that many.
            var size = first.Rows.Count;
            var step = size - 1;
            var count = PagesSideBySide(first.Head); // the quota was told when the first page was answered
            _progress?.GraphQueriesPlanned(count);
            var pages = Enumerable.Range(1, count).Select(k => ReadPageAsync(chain, query, subscriptions, size, null, k * step, null, ct)).ToList();
            var answered = 0;
            var last = first;
            var fits = true;
            Exception? failure = null;
            foreach (var read in pages)
            {
                // Every page is waited for, so none outlives the query's quota chain, and each is counted as answered.
                GraphPage page;
                try
                {
                    page = await read.ConfigureAwait(false);
                }
                catch (Exception ex)
                {
                    failure ??= ex;
                    _quota.Expect(chain, count - ++answered);
                    _progress?.GraphPageRead(0, morePages: false);
                    continue;
                }
                _quota.Expect(chain, count - ++answered);
                var fitsHere = fits && failure == null && page.Rows.Count > 0 && ArmIds.Same(page.Rows[0].Id, last.Rows[last.Rows.Count - 1].Id);
                _progress?.GraphPageRead(fitsHere ? page.Rows.Count - 1 : 0, morePages: false);
                if (!fitsHere)
                {
                    fits = false;
                    continue;
                }
                take(page.Rows.GetRange(1, page.Rows.Count - 1));
                last = page;
            }
            if (failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(failure).Throw();
            return (last, fits);
        }

        /// <param name="pagesAfter">From the answer's head, before its rows are converted: how many more pages this query sends (the quota keeps room for them); null leaves the count as it is.</param>
        private async Task<GraphPage> ReadPageAsync(GraphQuota.Query chain, string query, IReadOnlyList<string> subscriptions, int top, string? skipToken, int? skip,
            Func<PageHead, int>? pagesAfter, CancellationToken ct)
        {
            var options = new Dictionary<string, object> { ["$top"] = top, ["resultFormat"] = "objectArray" };
            if (skipToken != null) options["$skipToken"] = skipToken;
            if (skip != null) options["$skip"] = skip.Value;
            var body = new Dictionary<string, object> { ["subscriptions"] = subscriptions, ["query"] = query, ["options"] = options };
            await _quota.TakeAsync(chain, ct).ConfigureAwait(false);
            ArmResponse response;
            try
            {
                response = await _json.SendAsync("POST", Path, ApiVersions.ResourceGraph, body, null, ct).ConfigureAwait(false);
                _quota.Answered(chain, response.Headers);
            }
            catch
            {
                _quota.Answered(chain, null);
                throw;
            }
            var page = response.Body ?? throw new Errors.AzbtException(Errors.FailureKind.ServiceError, Errors.FailureCodes.EmptyResponse, "Resource Graph returned no body for a query.", Path);
            var data = page.Array("data");
            var token = page.Str("$skipToken");
            // totalRecords counts the query's rows over all pages.
            var head = new PageHead(page.At("totalRecords") is { ValueKind: JsonValueKind.Number } t ? t.GetInt64() : 0, data.Count, string.IsNullOrEmpty(token) ? null : token);
            if (pagesAfter != null) _quota.Expect(chain, pagesAfter(head));
            return new GraphPage(ResourceGraphRows.ToArm(data), head);
        }
    }

    /// <summary>
    /// The engine's view of the user's Resource Graph quota (x-ms-user-quota-remaining, x-ms-user-quota-resets-after):
    /// when the queries left in the window are used up by those already sent, the next waits for the window to reset
    /// instead of drawing a 429. Until the first answer, two queries at a time (better ranks first); answers without the
    /// headers leave the queries unpaced. While queries of a better rank are
    /// under way (between their pages too), the window keeps room for the pages they are still to send (one until their
    /// first answer says), so when the quota is short they go first; when it is not, every query goes at once.
    /// </summary>
    internal sealed class GraphQuota
    {
        public const string RemainingHeader = "x-ms-user-quota-remaining";
        public const string ResetsAfterHeader = "x-ms-user-quota-resets-after";

        private readonly object _sync = new object();
        private readonly Stopwatch _watch = Stopwatch.StartNew();
        private int? _remaining;
        private TimeSpan _resetAt;
        private int _inFlight;
        private bool _probing = true;

        /// <summary>The queries under way (from their first page to their last).</summary>
        private readonly List<Query> _queries = new List<Query>();

        /// <summary>How many queries waited for the window to reset (for tests and the benchmark).</summary>
        public int Pauses { get; private set; }

        /// <summary>A query of this rank (its wave) is under way until the result is disposed.</summary>
        public Query Open(int rank)
        {
            var query = new Query(this, rank);
            lock (_sync) _queries.Add(query);
            return query;
        }

        /// <summary>The query will send this many more pages (from the answer's totalRecords).</summary>
        public void Expect(Query query, int pages)
        {
            lock (_sync)
            {
                query.PagesLeft = pages;
                query.Told = true;
            }
        }

        /// <summary>One query's pages as the quota sees them.</summary>
        public sealed class Query : IDisposable
        {
            private readonly GraphQuota _quota;

            public Query(GraphQuota quota, int rank)
            {
                _quota = quota;
                Rank = rank;
            }

            public int Rank { get; }

            /// <summary>Pages still to send after the last answer (one until an answer says; the page in flight counts too).</summary>
            public int PagesLeft { get; set; } = 1;

            /// <summary>Whether an answer has said how many pages are left (<see cref="Expect"/>).</summary>
            public bool Told { get; set; }

            /// <summary>Its pages sent and not yet answered.</summary>
            public int InFlight { get; set; }

            /// <summary>
            /// The room to keep for it: its pages not yet sent. Those in flight are already counted in the window's
            /// queries in flight; counted again, a later wave waited until every side-by-side page of the collections was
            /// answered (the VM query's first page 3 s at 10 x 10,000). One until an answer says, the first page in flight or not.
            /// </summary>
            public int Unsent => Told ? Math.Max(0, PagesLeft - InFlight) : 1;

            public void Dispose()
            {
                lock (_quota._sync) _quota._queries.Remove(this);
            }
        }

        /// <summary>Queries in flight before an answer has said what the quota is (the documented one is 15 per 5 s).</summary>
        private const int ProbeQueries = 2;

        /// <summary>The longest a query sleeps before it looks at the quota again.</summary>
        private static readonly TimeSpan MaxPause = TimeSpan.FromMilliseconds(250);

        public async Task TakeAsync(Query query, CancellationToken ct)
        {
            var paused = false;
            while (true)
            {
                TimeSpan wait;
                lock (_sync)
                {
                    var now = _watch.Elapsed;
                    if (_remaining != null && now >= _resetAt)
                    {
                        // The window reset (by our estimate, which the header's whole seconds make late): probe again,
                        // since the service's new window may already have begun with queries we counted in the old one.
                        _remaining = null;
                        _probing = true;
                    }
                    if (_probing && (_inFlight >= ProbeQueries || _queries.Any(q => q.Rank < query.Rank && !q.Told && q.InFlight == 0)))
                    {
                        // Until an answer has said what the quota is, two queries at a time, better ranks first: a burst
                        // could overrun it. Two, so that the VM query's first page (the first results) is not queued
                        // behind the collections' pages and the rest once the first answer opens the window.
                        wait = TimeSpan.FromMilliseconds(20);
                    }
                    else if (_remaining is int left && left - _inFlight <= 0)
                    {
                        // Until the window resets by the estimate, which every answer still out may move: look again
                        // at least every 250 ms rather than sleep on an estimate that is already stale.
                        wait = TimeSpan.FromTicks(Math.Min((_resetAt - now + TimeSpan.FromMilliseconds(50)).Ticks, MaxPause.Ticks));
                        if (!paused) Pauses++;
                        paused = true;
                    }
                    else if (_remaining is int room && room - _inFlight <= _queries.Where(q => q.Rank < query.Rank).Sum(q => q.Unsent))
                    {
                        // Kept for the better ranks' pages.
                        wait = TimeSpan.FromMilliseconds(20);
                    }
                    else
                    {
                        _inFlight++;
                        query.InFlight++;
                        return;
                    }
                }
                await Task.Delay(wait, ct).ConfigureAwait(false);
            }
        }

        /// <summary>A page of <paramref name="query"/> was answered (headers null: no answer came).</summary>
        public void Answered(Query query, IReadOnlyDictionary<string, string>? headers)
        {
            lock (_sync)
            {
                _inFlight--;
                query.InFlight--;
                if (headers == null) return;
                _probing = false; // an answer came: with headers it paces, without them nothing is paced
                if (headers.TryGetValue(RemainingHeader, out var text) && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var left)
                    && headers.TryGetValue(ResetsAfterHeader, out var reset) && TimeSpan.TryParse(reset, CultureInfo.InvariantCulture, out var after))
                {
                    var now = _watch.Elapsed;
                    // Within the window we believe in, answers may arrive out of order: keep the lowest count seen.
                    _remaining = _remaining is int known && now < _resetAt ? Math.Min(known, left) : left;
                    _resetAt = now + after;
                }
            }
        }
    }
}
