using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// Collects everything one subscription's checks need with list calls: the number of requests grows with
    /// resource groups, vaults and pages, not with VMs. The only per-VM reads are restore point collections
    /// ($expand=restorePoints is the only way ARM returns their points) and VMs asked for one by one.
    /// </summary>
    /// <summary>Hears a subscription collector's steps, to stream results before the whole subscription is in.</summary>
    internal interface ICollectionListener
    {
        /// <summary>In-scope VMs whose model and instance view are in, as their pages arrive (before the other lists).</summary>
        void VmsRead(SubscriptionCollector collector, IReadOnlyList<JsonElement> vms);

        /// <summary>Every list is in and stored; only restore point reads are still to come.</summary>
        void ListsIn(SubscriptionCollector collector);

        /// <summary>One collection was read (or failed: then it stays unexpanded).</summary>
        void CollectionRead(SubscriptionCollector collector, string collectionId);
    }

    internal sealed class SubscriptionCollector
    {
        /// <summary>How many days of backup jobs to read from each vault.</summary>
        public const int JobHistoryDays = 14;

        /// <summary>From this many requested VMs in one group on, listing the group is cheaper than a GET each.</summary>
        private const int ListGroupThreshold = 3;

        private readonly BoundedArmReader _arm;
        private readonly string _subscriptionId;
        private readonly ScanScope _scope;
        private readonly DateTimeOffset _now;
        private readonly string _subscriptionPath;
        private readonly bool _countRestorePoints;
        private readonly ScanProgress _progress;
        private readonly RoleAssignmentReads _roleReads;

        public SubscriptionCollector(BoundedArmReader arm, string subscriptionId, ScanScope scope, DateTimeOffset now, bool countRestorePoints, ScanProgress progress,
            RoleAssignmentReads roleReads)
        {
            _roleReads = roleReads;
            _progress = progress;
            _countRestorePoints = countRestorePoints;
            _arm = arm;
            _subscriptionId = subscriptionId;
            _scope = scope;
            _now = now;
            _subscriptionPath = "/subscriptions/" + subscriptionId;
        }

        /// <summary>What the lists gave; empty again once the listener has released them (see <see cref="ReleaseLists"/>).</summary>
        public ResourceSet Set { get; private set; } = new ResourceSet();

        /// <summary>The time the collection ran: what checks compare job ages against.</summary>
        public DateTimeOffset CollectedAt => _now;
        public List<ScopeErrorEvent> Errors { get; } = new List<ScopeErrorEvent>();

        /// <summary>Requested VM ids that ARM says do not exist.</summary>
        public List<string> MissingVms { get; } = new List<string>();

        /// <summary>False when the subscription itself could not be read (forbidden, not found); nothing else is reported then.</summary>
        public bool Readable { get; private set; } = true;

        /// <summary>What Resource Graph gave for this subscription; null reads everything from ARM.</summary>
        /// <remarks>Filled as the queries run: the ARM lists Resource Graph does not replace are sent meanwhile.</remarks>
        public SubscriptionPreload? Preload { get; set; }

        public async Task CollectAsync(CancellationToken ct)
        {
            if (Preload != null)
            {
                await CollectWithGraphAsync(Preload, ct).ConfigureAwait(false);
                return;
            }
            // Wave 1: every list that needs nothing but the subscription id, all at once; the restore point reads start
            // with the collection list's pages, behind the lists.
            var vms = CollectVmsAsync(ct);
            var collections = Part(InventoryParts.RestorePoints, "Listing restore point collections", ListCollectionsAsync(ct));
            var restorePoints = CollectionReadsAsync(collections);
            var others = new[]
            {
                Part(InventoryParts.Locks, "Reading management locks", ListInSubscription("Microsoft.Authorization/locks", ApiVersions.Locks, null, ct)),
                collections,
                Part(InventoryParts.Disks, "Listing managed disks", ListInSubscription("Microsoft.Compute/disks", ApiVersions.Disks, null, ct)),
                Part(InventoryParts.Network, "Listing network interfaces", ListInSubscription("Microsoft.Network/networkInterfaces", ApiVersions.Network, null, ct)),
                Part(InventoryParts.Network, "Listing network security groups", ListInSubscription("Microsoft.Network/networkSecurityGroups", ApiVersions.Network, null, ct)),
                Part(InventoryParts.Network, "Listing virtual networks", ListInSubscription("Microsoft.Network/virtualNetworks", ApiVersions.Network, null, ct)),
                Part(InventoryParts.Policy, "Listing policy assignments", ListInSubscription(ResourceTypes.PolicyAssignment, ApiVersions.PolicyAssignments, null, ct)),
                CollectVaultsAsync(ct),
            };
            var vmError = await Capture(vms).ConfigureAwait(false);
            await Task.WhenAll(others).ConfigureAwait(false);

            if (vmError != null)
            {
                // The subscription (or the VM list in it) is unreadable: one error for the scope, not one per part.
                await restorePoints.ConfigureAwait(false);
                Readable = false;
                Errors.Clear();
                Errors.Add(ScopeErrors.From(_subscriptionPath, vmError, "Could not list virtual machines"));
                _progress.SubscriptionRead();
                return;
            }
            _progress.VmsFound(Set.IdsOf(ResourceTypes.VirtualMachine).Count(_scope.Contains));
            _progress.SubscriptionRead();

            await SecondWaveAsync(restorePoints, ct).ConfigureAwait(false);
        }

        /// <param name="restorePoints">The restore point reads, under way since the collections' first page came.</param>
        private async Task SecondWaveAsync(Task restorePoints, CancellationToken ct)
        {
            // Wave 2: reads that depend on wave 1 (key vaults, policy definitions), so that everything but the restore
            // points is in when the listener hears ListsIn; the restore point reads go to ExpandedCollections.
            await Task.WhenAll(ReadKeyVaultAccessAsync(ct), ReadPolicyDefinitionsAsync(ct)).ConfigureAwait(false);
            ListsIn();
            await restorePoints.ConfigureAwait(false);
        }

        /// <summary>
        /// The lists are no longer needed here: the listener has built each VM's inventory from them, and each holds its
        /// own part, so a VM's data goes when its results are out (not when the subscription's last restore point is read).
        /// </summary>
        public void ReleaseLists() => Set = new ResourceSet();

        /// <summary>
        /// The lists came from Resource Graph; ARM is read only for what Resource Graph lacks: the VMs' run-time status
        /// (the statusOnly list), the management locks, the policy assignments that reach the subscription (and their
        /// definitions), key vaults it did not return, and the restore points.
        /// </summary>
        private async Task CollectWithGraphAsync(SubscriptionPreload preload, CancellationToken ct)
        {
            // Locks: Resource Graph's coverage is not verified. Policy assignments: the subscription's list includes those
            // inherited from management groups, which a subscription-scoped Resource Graph query would not return.
            var locks = Task.WhenAll(
                Part(InventoryParts.Locks, "Reading management locks", ListInSubscription(ResourceTypes.Lock, ApiVersions.Locks, null, ct)),
                Part(InventoryParts.Policy, "Listing policy assignments", ListInSubscription(ResourceTypes.PolicyAssignment, ApiVersions.PolicyAssignments, null, ct)));
            preload.Collections.Subscribe(page => ExpandPage(page.Select(c => (c.Id, c.Str("properties.source.id"))), ct));
            // Every page of its collections has been handed on once its rows are complete.
            var restorePoints = CollectionReadsAsync(preload.Completion);
            var join = NewJoin(ct);
            var statuses = ListStatusesAsync(join, ct);
            // The checks on the VM alone run as soon as a VM's model (from Resource Graph, as each VM's rows are in) and its
            // status (ARM) are in. The join holds the models (merged as their statuses come): only their ids are kept here.
            var modelIds = new List<string>();
            preload.Vms.Subscribe(models =>
            {
                lock (modelIds) modelIds.AddRange(models.Select(m => m.Id));
                join.AddModels(models.Select(m => m.Parse()).ToList()); // kept parsed until merged with its status
            });
            var vmError = await statuses.ConfigureAwait(false);
            await locks.ConfigureAwait(false);
            await preload.Completion.ConfigureAwait(false);
            if (preload.Failure != null && !ScopeErrors.IsPartial(preload.Failure))
            {
                // No answer (connection, token, cancellation): the scan ends, as a failed ARM list without one ends it.
                await restorePoints.ConfigureAwait(false);
                System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(preload.Failure).Throw();
            }
            if (preload.Failure != null)
            {
                // Never a silent pass: a subscription Resource Graph could not answer for is a scope error, with no
                // inventories (results on the VM alone already sent stay, as when a later page of ARM's VM list fails).
                await restorePoints.ConfigureAwait(false);
                preload.Resources.Clear(); // rows of the queries in before the failure: not used
                Readable = false;
                Errors.Clear();
                Errors.Add(ScopeErrors.From(_subscriptionPath, preload.Failure, "Could not query Azure Resource Graph"));
                _progress.SubscriptionRead();
                return;
            }
            Store(preload.Resources);
            // The rows now live in the set: the reader's result (all subscriptions of the batch) need not hold them too.
            preload.Resources.Clear();
            if (vmError != null && modelIds.Count == 0)
            {
                // Resource Graph shows nothing the caller cannot read: no VMs and a refused list is an unreadable subscription.
                await restorePoints.ConfigureAwait(false);
                Readable = false;
                Errors.Clear();
                Errors.Add(ScopeErrors.From(_subscriptionPath, vmError, "Could not list virtual machines"));
                _progress.SubscriptionRead();
                return;
            }
            foreach (var vm in _scope.Vms.Where(v => Same(v.SubscriptionId, _subscriptionId)))
                if (!modelIds.Any(id => ArmIds.Same(id, vm.ToString()))) MissingVms.Add(vm.ToString());
            await CheckEmptyGroupsExistAsync(modelIds, ct).ConfigureAwait(false);
            Store(await join.CompleteAsync().ConfigureAwait(false));
            _progress.VmsFound(Set.IdsOf(ResourceTypes.VirtualMachine).Count(_scope.Contains));
            _progress.SubscriptionRead();
            await SecondWaveAsync(restorePoints, ct).ConfigureAwait(false);
            // Built as soon as every query had passed this subscription: a row of it that came later means Resource Graph
            // broke the order asked for, and the inventories may lack that resource. Said, never passed over.
            await preload.BatchEnd.ConfigureAwait(false);
            if (preload.LateRow is string late)
                AddError(ScopeErrors.From(_subscriptionPath, new AzBackupTroubleshoot.Errors.AzbtException(AzBackupTroubleshoot.Errors.FailureKind.ServiceError, AzBackupTroubleshoot.Errors.FailureCodes.GraphRowsOutOfOrder,
                    $"Resource Graph returned {late} after the other rows of its subscription, out of the order asked for; the results for this subscription may not count it. Scan it again, or with --inventory-source arm (-InventorySource Arm).", ResourceGraphReader.Path),
                    "Reading Azure Resource Graph"));
        }

        /// <summary>
        /// A resource group in the scope with no VM in Resource Graph's rows may not exist: ARM says (ResourceGroups_Get),
        /// so a mistyped group is reported as the ARM collector reports it, not passed over in silence.
        /// </summary>
        private async Task CheckEmptyGroupsExistAsync(List<string> modelIds, CancellationToken ct)
        {
            var groups = _scope.ResourceGroups.Where(g => Same(g.SubscriptionId, _subscriptionId)).Select(g => g.ResourceGroup)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(g => !modelIds.Any(id => Same(ArmIds.ResourceGroupOf(id) ?? "", g))).ToList();
            await Task.WhenAll(groups.Select(async group =>
            {
                try
                {
                    await _arm.GetAsync(ArmIds.ResourceGroupId(_subscriptionId, group), ApiVersions.Resources, null, ct).ConfigureAwait(false);
                }
                catch (ArmRequestFailedException ex) when (ex.IsNotFound)
                {
                    AddError(ScopeErrors.From(ArmIds.ResourceGroupId(_subscriptionId, group), ex, "The resource group was not found"));
                }
            })).ConfigureAwait(false);
        }

        /// <summary>Told when the lists are in and as each restore point collection is read (from pool threads).</summary>
        public ICollectionListener? Listener { get; set; }

        /// <summary>
        /// Collections re-read with $expand=restorePoints, by id, as their UTF-8 text, until the listener takes them into
        /// their VM's inventory. Text, not parsed elements (about half the memory): on Resource Graph's path most are read
        /// before the lists are in, and wait for them (8,000 of 9,000 at 10 x 10,000).
        /// </summary>
        public System.Collections.Concurrent.ConcurrentDictionary<string, byte[]> ExpandedCollections { get; }
            = new System.Collections.Concurrent.ConcurrentDictionary<string, byte[]>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Collections whose read was done (expanded or failed) before the listener heard ListsIn: their VMs need not
        /// wait for them. Complete once ListsIn is heard; later reads come as CollectionRead.
        /// </summary>
        public HashSet<string> ReadBeforeLists { get; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        private bool _listsIn;

        // Under one lock, so that each read is either in ReadBeforeLists or heard after ListsIn, never neither.
        private void ListsIn()
        {
            lock (ReadBeforeLists)
            {
                _listsIn = true;
                Listener?.ListsIn(this);
            }
        }

        private void CollectionDone(string id)
        {
            lock (ReadBeforeLists)
            {
                if (!_listsIn) ReadBeforeLists.Add(id);
                Listener?.CollectionRead(this, id);
            }
        }

        /// <summary>Whether restore point collections are re-read after the lists (so results can come in two steps).</summary>
        public bool ExpandsRestorePoints => _countRestorePoints;

        // How VMs are read, in the forms the Compute spec documents (docs/arm-requests.md): the models by list
        // (VirtualMachines_ListAll / _List, no query), the run-time status of all VMs of the subscription by one more list
        // (VirtualMachines_ListAll with statusOnly=true), merged by id. The spec allows $expand=instanceView on the lists
        // only with a virtual machine scale set $filter, and ARM answers 400 without one. What the statusOnly view holds
        // beyond the statuses is not documented: a running VM whose view carries no vmAgent block is read once more with
        // VirtualMachines_InstanceView, so the agent and extension checks never judge a view ARM did not give.
        private const string StatusOnlyQuery = "statusOnly=true";

        private async Task CollectVmsAsync(CancellationToken ct)
        {
            var join = NewJoin(ct);
            if (_scope.CoversSubscription(_subscriptionId))
            {
                var statuses = ListStatusesAsync(join, ct);
                await ListInSubscription(ResourceTypes.VirtualMachine, ApiVersions.Compute, null, ct, join.AddModels).ConfigureAwait(false);
                await statuses.ConfigureAwait(false);
                Store(await join.CompleteAsync().ConfigureAwait(false));
                return;
            }

            var groupsToList = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            foreach (var g in _scope.ResourceGroups.Where(g => Same(g.SubscriptionId, _subscriptionId))) groupsToList.Add(g.ResourceGroup);
            var vmIds = _scope.Vms.Where(v => Same(v.SubscriptionId, _subscriptionId)).ToList();
            foreach (var group in vmIds.GroupBy(v => v.ResourceGroup, StringComparer.OrdinalIgnoreCase))
                if (group.Count() >= ListGroupThreshold) groupsToList.Add(group.Key);

            // Listed groups get their statuses from the one subscription-wide statusOnly list (there is no per-group form).
            var reads = new List<Task>();
            if (groupsToList.Count > 0) reads.Add(ListStatusesAsync(join, ct));
            foreach (var rg in groupsToList) reads.Add(ListGroupVmsAsync(rg, join, ct));
            foreach (var vm in vmIds.Where(v => !groupsToList.Contains(v.ResourceGroup))) reads.Add(GetVmAsync(vm, join, ct));
            await Task.WhenAll(reads).ConfigureAwait(false);
            Store(await join.CompleteAsync().ConfigureAwait(false));
        }

        /// <summary>This subscription's VMs joined with their statuses; each in-scope VM goes to the listener once it is ready.</summary>
        private VmStatusJoin NewJoin(CancellationToken ct)
            => new VmStatusJoin(_scope.Contains, id => ReadOwnInstanceViewAsync(id, ct), vms => Listener?.VmsRead(this, vms));

        /// <summary>
        /// The statusOnly list of the subscription into the join, page by page; the failure when ARM refused it or a page
        /// failed (the VMs it did not cover are then read alone), else null.
        /// </summary>
        private async Task<Exception?> ListStatusesAsync(VmStatusJoin join, CancellationToken ct)
        {
            Exception? failure = null;
            try
            {
                await ListInSubscription(ResourceTypes.VirtualMachine, ApiVersions.Compute, StatusOnlyQuery, ct, join.AddStatuses).ConfigureAwait(false);
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                failure = ex;
            }
            join.StatusesDone();
            return failure;
        }

        private async Task<JsonElement?> ReadOwnInstanceViewAsync(string vmId, CancellationToken ct)
        {
            try
            {
                return await _arm.GetAsync(vmId + "/instanceView", ApiVersions.Compute, null, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                AddError(ScopeErrors.From(vmId, ex, "Could not read the instance view"));
                return null;
            }
        }

        private async Task ListGroupVmsAsync(string resourceGroup, VmStatusJoin join, CancellationToken ct)
        {
            var path = $"{_subscriptionPath}/resourceGroups/{resourceGroup}/providers/{ResourceTypes.VirtualMachine}";
            try
            {
                await _arm.ListAsync(path, ApiVersions.Compute, null, join.AddModels, ct).ConfigureAwait(false);
            }
            catch (ArmRequestFailedException ex) when (ex.IsNotFound)
            {
                AddError(ScopeErrors.From(ArmIds.ResourceGroupId(_subscriptionId, resourceGroup), ex, "The resource group was not found"));
            }
        }

        private async Task GetVmAsync(VmId vm, VmStatusJoin join, CancellationToken ct)
        {
            try
            {
                // VirtualMachines_Get documents $expand=instanceView: the model and the full instance view in one read.
                join.AddWithView(await _arm.GetAsync(vm.ToString(), ApiVersions.Compute, "$expand=instanceView", ct).ConfigureAwait(false));
            }
            catch (ArmRequestFailedException ex) when (ex.IsNotFound)
            {
                lock (MissingVms) MissingVms.Add(vm.ToString());
            }
        }

        private async Task CollectVaultsAsync(CancellationToken ct)
        {
            List<JsonElement> vaults;
            try
            {
                vaults = await ListInSubscription(ResourceTypes.RecoveryServicesVault, ApiVersions.RecoveryServicesVaults, null, ct).ConfigureAwait(false);
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                MarkUnavailable(InventoryParts.Vaults, ex, "Listing Recovery Services vaults");
                return;
            }
            Store(vaults);
            var jobFilter = JobFilter();
            var reads = vaults.SelectMany(v => new[]
            {
                Part(InventoryParts.Vaults, "Reading protected items", _arm.ListAsync(v.Id() + "/backupProtectedItems", ApiVersions.RecoveryServicesBackup, "$filter=" + Uri.EscapeDataString("backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'"), ct)),
                Part(InventoryParts.Vaults, "Reading backup jobs", _arm.ListAsync(v.Id() + "/backupJobs", ApiVersions.RecoveryServicesBackup, "$filter=" + Uri.EscapeDataString(jobFilter), ct)),
                Part(InventoryParts.Vaults, "Reading backup policies", _arm.ListAsync(v.Id() + "/backupPolicies", ApiVersions.RecoveryServicesBackup, null, ct)),
            });
            await Task.WhenAll(reads).ConfigureAwait(false);
        }

        /// <summary>Backup jobs of Azure VMs over the last days, in the filter grammar of the BackupJobs_List example.</summary>
        private string JobFilter()
        {
            const string format = "yyyy-MM-dd hh:mm:ss tt";
            var culture = System.Globalization.CultureInfo.InvariantCulture;
            var start = _now.UtcDateTime.AddDays(-JobHistoryDays).ToString(format, culture);
            var end = _now.UtcDateTime.AddMinutes(5).ToString(format, culture);
            return $"backupManagementType eq 'AzureIaasVM' and startTime eq '{start}' and endTime eq '{end}'";
        }

        /// <summary>The collections of in-scope VMs (their source VM is in the scope), when restore points are counted.</summary>
        /// <param name="collections">Each collection's id and its source VM.</param>
        private List<string> CollectionsToExpand(IEnumerable<(string Id, string? SourceVm)> collections)
            => !_countRestorePoints ? new List<string>()
                : collections.Where(c => c.SourceVm is string vm && _scope.Contains(vm)).Select(c => c.Id).ToList();

        /// <summary>
        /// The restore point collections of the subscription; each page's reads start as it arrives (<see cref="ExpandPage"/>),
        /// while the other lists are still being read. The list is stored whole, as any other: one that fails is an
        /// unavailable part, whatever its first pages held.
        /// </summary>
        private async Task<List<JsonElement>> ListCollectionsAsync(CancellationToken ct)
        {
            var listed = new List<JsonElement>();
            await ListInSubscription(ResourceTypes.RestorePointCollection, ApiVersions.Compute, null, ct, page =>
            {
                listed.AddRange(page);
                ExpandPage(page.Select(c => (c.Id(), c.Str("properties.source.id"))), ct);
            }).ConfigureAwait(false);
            return listed;
        }

        /// <summary>The restore point reads started so far, a task per page of collections, and the collections they read.</summary>
        private readonly List<Task> _collectionReads = new List<Task>();
        private readonly HashSet<string> _collectionsStarted = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Starts the restore point reads of one page of collections (ARM's list or Resource Graph's rows: each one's id and
        /// source VM); a collection a page repeats from an earlier one (the list moved between two pages) is not read again.
        /// </summary>
        private void ExpandPage(IEnumerable<(string Id, string? SourceVm)> page, CancellationToken ct)
        {
            List<string> wanted;
            lock (_collectionsStarted) wanted = CollectionsToExpand(page).Where(_collectionsStarted.Add).ToList();
            var reads = ExpandRestorePointCollectionsAsync(wanted, ct);
            lock (_collectionReads) _collectionReads.Add(reads);
        }

        /// <summary>Ends when every page has been handed on (<paramref name="pagesIn"/> ends) and each read they started is done.</summary>
        private async Task CollectionReadsAsync(Task pagesIn)
        {
            await pagesIn.ConfigureAwait(false);
            Task[] all;
            lock (_collectionReads) all = _collectionReads.ToArray();
            await Task.WhenAll(all).ConfigureAwait(false);
        }

        /// <summary>
        /// Re-reads the collections of in-scope VMs with $expand=restorePoints so their points can be counted; at low
        /// priority, so the subscription's lists (which every check waits for) keep their slots and tokens.
        /// </summary>
        private async Task ExpandRestorePointCollectionsAsync(IReadOnlyList<string> wanted, CancellationToken ct)
        {
            _progress.CollectionsFound(wanted.Count);
            var reads = wanted.Select(async id =>
            {
                try
                {
                    var expanded = await _arm.GetAsync(id, ApiVersions.Compute, "$expand=restorePoints", RequestPriority.Low, ct).ConfigureAwait(false);
                    ExpandedCollections[id] = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(expanded).ToArray();
                }
                catch (Exception ex) when (ScopeErrors.IsPartial(ex))
                {
                    // The collection stays unexpanded: the limit check reports the count as unknown rather than guessing.
                    AddError(ScopeErrors.From(id, ex, "Could not read restore points"));
                }
                _progress.CollectionRead();
                CollectionDone(id);
            });
            await Task.WhenAll(reads).ConfigureAwait(false);
        }

        /// <summary>
        /// Reads the definitions the subscription's policy assignments use (PolicyDefinitions_Get/GetBuiltIn,
        /// PolicySetDefinitions_Get/GetBuiltIn by id), and for a set the member definitions: one read per distinct
        /// definition, however many VMs there are. A definition that cannot be read is left out (the check then cannot
        /// confirm that assignment) and reported. Alongside, the policy exemptions in the subscription (PolicyExemptions_List,
        /// unfiltered: those at the subscription, in its groups and inherited from management groups).
        /// </summary>
        private async Task ReadPolicyDefinitionsAsync(CancellationToken ct)
        {
            List<JsonElement> assignments;
            lock (Set) assignments = Set.OfType(ResourceTypes.PolicyAssignment).ToList();
            if (assignments.Count == 0) return;
            // Exemptions matter only where there are assignments: a subscription without any costs no extra request.
            var exemptions = Part(InventoryParts.PolicyExemptions, "Listing policy exemptions", ListInSubscription(ResourceTypes.PolicyExemption, ApiVersions.PolicyExemptions, null, ct));
            var first = assignments.Select(a => a.Str("properties.policyDefinitionId")).Where(id => id != null).Select(id => id!)
                .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var read = await ReadDefinitionsAsync(first, ct).ConfigureAwait(false);
            var members = read.Where(d => string.Equals(d.Str("type"), ResourceTypes.PolicySetDefinition, StringComparison.OrdinalIgnoreCase))
                .SelectMany(d => d.Array("properties.policyDefinitions")).Select(m => m.Str("policyDefinitionId")).Where(id => id != null).Select(id => id!)
                .Distinct(StringComparer.OrdinalIgnoreCase).Where(id => !first.Contains(id, StringComparer.OrdinalIgnoreCase)).ToList();
            await ReadDefinitionsAsync(members, ct).ConfigureAwait(false);
            await exemptions.ConfigureAwait(false);
        }

        private async Task<List<JsonElement>> ReadDefinitionsAsync(IEnumerable<string> ids, CancellationToken ct)
        {
            var reads = ids.Select(async id =>
            {
                try
                {
                    var definition = await _arm.GetAsync(id, ApiVersions.Policy, null, ct).ConfigureAwait(false);
                    Store(definition);
                    return (JsonElement?)definition;
                }
                catch (Exception ex) when (ScopeErrors.IsPartial(ex))
                {
                    AddError(ScopeErrors.From(_subscriptionPath, ex, "Reading policy definition " + ArmIds.NameOf(id)));
                    return null;
                }
            });
            return (await Task.WhenAll(reads).ConfigureAwait(false)).Where(d => d != null).Select(d => d!.Value).ToList();
        }

        private async Task ReadKeyVaultAccessAsync(CancellationToken ct)
        {
            await ReadKeyVaultsAsync(ct).ConfigureAwait(false);
            await ReadRoleAssignmentsAsync(ct).ConfigureAwait(false);
        }

        /// <summary>
        /// For each key vault that uses Azure RBAC and holds keys of an in-scope encrypted VM, the role assignments that
        /// apply at it and the role definitions they reference (shared with the scan's other subscriptions). A list that
        /// fails marks that vault's part unavailable (its verdict skips); a definition that fails leaves that role unknown.
        /// </summary>
        private async Task ReadRoleAssignmentsAsync(CancellationToken ct)
        {
            List<string> vaultIds;
            lock (Set)
            {
                // Only vaults that use Azure RBAC are read: without one in the set, the VMs and disks need not be parsed.
                if (!Set.OfType(ResourceTypes.KeyVault).Any(kv => kv.Bool("properties.enableRbacAuthorization") == true)) return;
                vaultIds = Set.OfType(ResourceTypes.VirtualMachine).Where(vm => _scope.Contains(vm.Id()))
                    .SelectMany(vm => VmDisk.ReadAll(vm, Set.Get).Where(d => d.IsAdeEncrypted).SelectMany(d => d.AdeKeys))
                    .SelectMany(k => new[] { k.SecretVaultId, k.KeyVaultId }).Where(id => id != null).Select(id => id!)
                    .Distinct(StringComparer.OrdinalIgnoreCase)
                    .Where(id => Set.Get(id)?.Bool("properties.enableRbacAuthorization") == true).ToList();
            }
            var lists = await Task.WhenAll(vaultIds.Select(async id =>
            {
                try
                {
                    var assignments = await _roleReads.AssignmentsAsync(_arm, id, ct).ConfigureAwait(false);
                    lock (Set) Set.SetRoleAssignments(id, assignments);
                    return assignments;
                }
                catch (Exception ex) when (ScopeErrors.IsPartial(ex))
                {
                    var what = "Listing the role assignments of key vault " + ArmIds.NameOf(id);
                    lock (Set) Set.MarkUnavailable(InventoryParts.RoleAssignmentsOf(id), $"{what} failed: {ex.Message}");
                    if (_roleReads.FirstToReport(id)) AddError(ScopeErrors.From(id, ex, what));
                    return new List<JsonElement>();
                }
            })).ConfigureAwait(false);
            var definitionIds = lists.SelectMany(l => l).Select(a => a.Str("properties.roleDefinitionId")).Where(id => id != null).Select(id => id!)
                .Distinct(StringComparer.OrdinalIgnoreCase);
            await Task.WhenAll(definitionIds.Select(async id =>
            {
                try
                {
                    Store(await _roleReads.DefinitionAsync(_arm, id, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (ScopeErrors.IsPartial(ex))
                {
                    if (_roleReads.FirstToReport(id)) AddError(ScopeErrors.From(id, ex, "Reading role definition " + ArmIds.NameOf(id)));
                }
            })).ConfigureAwait(false);
        }

        /// <summary>Reads the key vaults that hold encryption keys of in-scope VMs' disks.</summary>
        private async Task ReadKeyVaultsAsync(CancellationToken ct)
        {
            var vaultIds = Set.OfType(ResourceTypes.Disk)
                .SelectMany(d => d.Array("properties.encryptionSettingsCollection.encryptionSettings"))
                .SelectMany(s => new[] { s.Str("diskEncryptionKey.sourceVault.id"), s.Str("keyEncryptionKey.sourceVault.id") })
                .Concat(Set.OfType(ResourceTypes.VirtualMachine).SelectMany(vm => new[]
                {
                    vm.Str("properties.storageProfile.osDisk.encryptionSettings.diskEncryptionKey.sourceVault.id"),
                    vm.Str("properties.storageProfile.osDisk.encryptionSettings.keyEncryptionKey.sourceVault.id"),
                }))
                .Where(id => id != null).Select(id => id!).Distinct(StringComparer.OrdinalIgnoreCase)
                .Where(id => !Set.Contains(id)) // already in (from Resource Graph)
                .ToList();
            var reads = vaultIds.Select(async id =>
            {
                try
                {
                    Store(await _arm.GetAsync(id, ApiVersions.KeyVault, null, ct).ConfigureAwait(false));
                }
                catch (Exception ex) when (ScopeErrors.IsPartial(ex))
                {
                    MarkUnavailable(InventoryParts.KeyVaults, ex, "Reading key vault " + ArmIds.NameOf(id));
                }
            });
            await Task.WhenAll(reads).ConfigureAwait(false);
        }

        private Task<List<JsonElement>> ListInSubscription(string type, string apiVersion, string? query, CancellationToken ct,
            Action<IReadOnlyList<JsonElement>>? onPage = null)
            => _arm.ListAsync($"{_subscriptionPath}/providers/{type}", apiVersion, query, onPage, ct);

        /// <summary>Runs one list of a part; on failure marks the part unavailable (checks then skip) and reports it once.</summary>
        private async Task Part(string part, string what, Task<List<JsonElement>> list)
        {
            try
            {
                Store(await list.ConfigureAwait(false));
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                MarkUnavailable(part, ex, what);
            }
        }

        // Reads complete on pool threads; the set itself is not thread-safe.
        private void Store(IEnumerable<JsonElement> items)
        {
            lock (Set) Set.AddRange(items);
        }

        private void Store(JsonElement item)
        {
            lock (Set) Set.Add(item);
        }

        /// <summary>Resources as their UTF-8 text (the join's merged VMs): the set keeps these bytes.</summary>
        private void Store(IReadOnlyList<byte[]> items)
        {
            lock (Set)
                foreach (var utf8 in items) Set.AddUtf8(utf8);
        }

        /// <summary>Resource Graph's rows: the set keeps their text and ids as they are.</summary>
        private void Store(IReadOnlyList<GraphRow> rows)
        {
            lock (Set)
                foreach (var row in rows) Set.AddUtf8(row.Utf8, row.Id);
        }

        private void MarkUnavailable(string part, Exception ex, string what)
        {
            lock (Set) Set.MarkUnavailable(part, $"{what} failed: {ex.Message}");
            AddError(ScopeErrors.From(_subscriptionPath, ex, what));
        }

        private void AddError(ScopeErrorEvent error)
        {
            lock (Errors) Errors.Add(error);
        }

        private static async Task<Exception?> Capture(Task task)
        {
            try
            {
                await task.ConfigureAwait(false);
                return null;
            }
            catch (Exception ex) when (ScopeErrors.IsPartial(ex))
            {
                return ex;
            }
        }

        private static bool Same(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
    }
}
