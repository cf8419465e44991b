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
    /// <summary>What Resource Graph gave for one subscription, or why it could not.</summary>
    internal sealed class SubscriptionPreload
    {
        public List<JsonElement> Resources { get; } = new List<JsonElement>();
        public Exception? Failure { get; set; }
    }

    /// <summary>
    /// Reads the inventory lists of many subscriptions from Azure Resource Graph (POST
    /// /providers/Microsoft.ResourceGraph/resources, api-version 2022-10-01) through the ArmClient's pipeline: twelve
    /// queries (one per type) per batch of up to <see cref="SubscriptionsPerQuery"/> subscriptions, each paged by $skipToken at
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

        /// <summary>The queries azbt sends (the emulator's parser takes exactly these shapes).</summary>
        public IReadOnlyList<string> Queries()
        {
                        var start = _now.UtcDateTime.AddDays(-SubscriptionCollector.JobHistoryDays).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            var end = _now.UtcDateTime.AddMinutes(5).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
            // One query per Resources type, so their pages are read side by side rather than one long chain (the quota
            // counts queries either way: the total is about the same number of 1,000-row pages).
            var resources = new[]
            {
                ResourceTypes.VirtualMachine, ResourceTypes.Disk, ResourceTypes.RestorePointCollection, ResourceTypes.NetworkInterface,
                ResourceTypes.NetworkSecurityGroup, ResourceTypes.VirtualNetwork, ResourceTypes.RecoveryServicesVault, ResourceTypes.KeyVault, ResourceGraphRows.ExtensionType,
            }.Select(t => $"Resources | where type =~ '{t.ToLowerInvariant()}' | project {Columns} | order by id asc");
            return resources.Concat(new[]
            {
                $"RecoveryServicesResources | where type =~ '{ResourceTypes.ProtectedItem.ToLowerInvariant()}' | where properties.backupManagementType =~ 'AzureIaasVM' and properties.workloadType =~ 'VM' | project {Columns} | order by id asc",
                $"RecoveryServicesResources | where type =~ '{ResourceTypes.BackupPolicy.ToLowerInvariant()}' | project {Columns} | order by id asc",
                $"RecoveryServicesResources | where type =~ '{ResourceTypes.BackupJob.ToLowerInvariant()}' | where properties.backupManagementType =~ 'AzureIaasVM' and todatetime(properties.startTime) between (datetime({start}) .. datetime({end})) | project {Columns} | order by id asc",
            }).ToList();
        }

        /// <summary>
        /// Every subscription's rows. A batch whose query fails with an answer (400, 403, 429 after retries, 5xx) gives
        /// each of its subscriptions that failure; a failure without one (connection, token) ends the scan.
        /// </summary>
        public async Task<Dictionary<string, SubscriptionPreload>> ReadAsync(IReadOnlyList<string> subscriptions, CancellationToken ct)
        {
            var result = subscriptions.ToDictionary(s => s, _ => new SubscriptionPreload(), StringComparer.OrdinalIgnoreCase);
            var batches = subscriptions.Select((s, i) => (s, i)).GroupBy(p => p.i / SubscriptionsPerQuery, p => p.s).Select(g => g.ToList()).ToList();
            var queries = QueryOverride ?? Queries();
            _progress?.GraphQueriesPlanned(batches.Count * queries.Count);
            await Task.WhenAll(batches.Select(async batch =>
            {
                var rows = await Task.WhenAll(queries.Select(q => CaptureAsync(q, batch, ct))).ConfigureAwait(false);
                var failure = rows.Select(r => r.Failure).FirstOrDefault(f => f != null);
                foreach (var s in batch) result[s].Failure = failure;
                if (failure != null) return;
                foreach (var row in rows.SelectMany(r => r.Rows))
                    if (ArmIds.SubscriptionOf(row.Id()) is string sub && result.TryGetValue(sub, out var preload)) preload.Resources.Add(row);
            })).ConfigureAwait(false);
            foreach (var preload in result.Values) ResourceGraphRows.Arrange(preload.Resources);
            return result;
        }

        private async Task<(List<JsonElement> Rows, Exception? Failure)> CaptureAsync(string query, List<string> subscriptions, CancellationToken ct)
        {
            try
            {
                return (await QueryAsync(query, subscriptions, ct).ConfigureAwait(false), null);
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                _progress?.GraphPageRead(0, morePages: false); // the query ended here
                return (new List<JsonElement>(), ex);
            }
        }

        /// <summary>One query over every page: the $skipToken of each answer goes back with the same query and subscriptions.</summary>
        public async Task<List<JsonElement>> QueryAsync(string query, IReadOnlyList<string> subscriptions, CancellationToken ct)
        {
            var rows = new List<JsonElement>();
            string? skipToken = null;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            do
            {
                var options = new Dictionary<string, object> { ["$top"] = PageSize, ["resultFormat"] = "objectArray" };
                if (skipToken != null) options["$skipToken"] = skipToken;
                var body = new Dictionary<string, object> { ["subscriptions"] = subscriptions, ["query"] = query, ["options"] = options };
                await _quota.TakeAsync(ct).ConfigureAwait(false);
                ArmResponse response;
                try
                {
                    response = await _json.SendAsync("POST", Path, ApiVersions.ResourceGraph, body, null, ct).ConfigureAwait(false);
                    _quota.Answered(response.Headers);
                }
                catch
                {
                    _quota.Answered(null);
                    throw;
                }
                var page = response.Body ?? throw new Errors.AzbtException(Errors.FailureKind.ServiceError, Errors.FailureCodes.EmptyResponse, "Resource Graph returned no body for a query.", Path);
                foreach (var row in page.Array("data")) rows.Add(ResourceGraphRows.ToArm(row));
                skipToken = page.Str("$skipToken");
                if (string.IsNullOrEmpty(skipToken)) skipToken = null;
                _progress?.GraphPageRead(page.Array("data").Count(), morePages: skipToken != null);
                if (skipToken != null && !seen.Add(skipToken))
                    throw new Errors.AzbtException(Errors.FailureKind.ServiceError, Errors.FailureCodes.PagingLoop,
                        "Resource Graph returned the same $skipToken twice; the query was read only in part.", Path);
            }
            while (skipToken != null);
            return rows;
        }
    }

    /// <summary>
    /// The engine's view of the user's Resource Graph quota (x-ms-user-quota-remaining, x-ms-user-quota-resets-after):
    /// when the queries left in the window are used up by those already sent, the next waits for the window to reset
    /// instead of drawing a 429. Until an answer carries the headers nothing is paced.
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

        /// <summary>How many queries waited for the window to reset (for tests and the benchmark).</summary>
        public int Pauses { get; private set; }

        public async Task TakeAsync(CancellationToken ct)
        {
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
                    if (_probing && _inFlight > 0)
                    {
                        // Until an answer has said what the quota is, one query at a time: a burst could overrun it.
                        wait = TimeSpan.FromMilliseconds(20);
                    }
                    else if (_remaining is int left && left - _inFlight <= 0)
                    {
                        wait = _resetAt - now + TimeSpan.FromMilliseconds(50);
                        Pauses++;
                    }
                    else
                    {
                        _inFlight++;
                        return;
                    }
                }
                await Task.Delay(wait, ct).ConfigureAwait(false);
            }
        }

        public void Answered(IReadOnlyDictionary<string, string>? headers)
        {
            lock (_sync)
            {
                _inFlight--;
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
