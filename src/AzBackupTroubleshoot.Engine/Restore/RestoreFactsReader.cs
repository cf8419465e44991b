using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// Reads what the restore pre-checks need, in three rounds: find the source and its vault; read the resources the
    /// request names (in parallel); then the region-scoped answers that depend on the vault's region. A read that
    /// fails is kept in the facts (the check that needs it skips) and, unless a 404 there is itself the finding,
    /// reported once per subscription and error code as a scope error.
    /// </summary>
    internal sealed class RestoreFactsReader
    {
        /// <summary>Storage has no other user in the engine, hence no entry in <see cref="ApiVersions"/> yet.</summary>
        private const string ProtectedItemFilter = "$filter=backupManagementType eq 'AzureIaasVM' and itemType eq 'VM'";

        private readonly ArmJsonClient _arm;
        private readonly List<ScopeErrorEvent> _errors = new();

        public RestoreFactsReader(ArmJsonClient arm) => _arm = arm;

        public IReadOnlyList<ScopeErrorEvent> Errors => _errors;

        public async Task<RestoreFacts> ReadAsync(RestoreRequest request, CancellationToken ct)
        {
            // Round 1: the source VM and the vault that protects it.
            var sourceVmId = request.SourceVmId?.Trim();
            var vaultId = request.VaultId != null ? Identifiers.VaultId(request.VaultId) : request.VaultOfProtectedItem;
            if (request.ProtectedItemId != null && sourceVmId == null)
            {
                var item = await GetAsync(request.ProtectedItemId.Trim(), ApiVersions.RecoveryServicesBackup, ct).ConfigureAwait(false);
                Report(item, "Reading the protected item", notFoundIsError: true);
                sourceVmId = item.Body.Str("properties.sourceResourceId") ?? item.Body.Str("properties.virtualMachineId");
            }
            if (vaultId == null && sourceVmId != null) vaultId = await FindVaultAsync(sourceVmId, ct).ConfigureAwait(false);

            // Round 2: everything the request names.
            var targetGroup = Identifiers.ResourceGroupId(request.TargetResourceGroupId);
            var targetSub = ArmIds.SubscriptionOf(targetGroup)!;
            var vaultSub = vaultId == null ? null : ArmIds.SubscriptionOf(vaultId);
            var vault = Get(vaultId, ApiVersions.RecoveryServicesVaults, ct);
            var sourceVm = Get(sourceVmId, ApiVersions.Compute, ct);
            var storage = Get(request.StorageAccountId?.Trim(), ApiVersions.Storage, ct);
            var group = Get(targetGroup, ApiVersions.Resources, ct);
            var vnet = Get(request.VirtualNetworkId, ApiVersions.Network, ct);
            var existingVm = Get(request.TargetVmName == null ? null : $"{targetGroup}/providers/Microsoft.Compute/virtualMachines/{request.TargetVmName}", ApiVersions.Compute, ct);
            var groups = ListAsync($"/subscriptions/{targetSub}/resourcegroups", ApiVersions.Resources, null, ct);
            var targetSubscription = Get("/subscriptions/" + targetSub, ApiVersions.Subscriptions, ct);
            var vaultSubscription = string.Equals(vaultSub, targetSub, StringComparison.OrdinalIgnoreCase)
                ? targetSubscription
                : Get(vaultSub == null ? null : "/subscriptions/" + vaultSub, ApiVersions.Subscriptions, ct);
            await Task.WhenAll(vault, sourceVm, storage, group, vnet, existingVm, groups, targetSubscription, vaultSubscription).ConfigureAwait(false);

            Report(vault.Result, "Reading the Recovery Services vault", notFoundIsError: true);
            Report(sourceVm.Result, "Reading the source VM", notFoundIsError: false); // a deleted VM can still be restored
            Report(storage.Result, "Reading the storage account", notFoundIsError: false);
            Report(group.Result, "Reading the target resource group", notFoundIsError: true);
            Report(vnet.Result, "Reading the target virtual network", notFoundIsError: false);
            Report(existingVm.Result, "Looking for a VM with the target name", notFoundIsError: false);
            Report(groups.Result, "Listing the target subscription's resource groups", notFoundIsError: true);
            Report(targetSubscription.Result, "Reading the target subscription", notFoundIsError: true);
            Report(vaultSubscription.Result, "Reading the vault's subscription", notFoundIsError: true);

            // Round 3: answers scoped to the target region (the vault's unless another was asked for).
            var region = new RestoreFacts(request) { Vault = vault.Result }.TargetRegion; // the rule lives in RestoreFacts
            var crossSubscription = vaultSub != null && !string.Equals(vaultSub, targetSub, StringComparison.OrdinalIgnoreCase);
            var regionPath = region == null ? null : $"/subscriptions/{targetSub}/providers/Microsoft.Compute/locations/{region}";
            var usages = ListAsync(regionPath == null ? null : regionPath + "/usages", ApiVersions.Compute, null, ct);
            var sizes = ListAsync(regionPath == null ? null : regionPath + "/vmSizes", ApiVersions.Compute, null, ct);
            var dns = region == null || request.DnsLabel == null
                ? Task.FromResult(ResourceRead.NotRequested())
                : GetAsync($"/subscriptions/{targetSub}/providers/Microsoft.Network/locations/{region}/CheckDnsNameAvailability", ApiVersions.Network, ct,
                    "domainNameLabel=" + Uri.EscapeDataString(request.DnsLabel));
            var osDisk = Get(crossSubscription ? sourceVm.Result.Body.Str("properties.storageProfile.osDisk.managedDisk.id") : null, ApiVersions.Disks, ct);
            var registration = Get(crossSubscription ? $"/subscriptions/{targetSub}/providers/Microsoft.RecoveryServices" : null, ApiVersions.Resources, ct);
            await Task.WhenAll(usages, sizes, dns, osDisk, registration).ConfigureAwait(false);

            Report(usages.Result, "Reading compute usages", notFoundIsError: true);
            Report(sizes.Result, "Reading the VM sizes of the region", notFoundIsError: true);
            Report(dns.Result, "Checking the DNS label", notFoundIsError: true);
            Report(osDisk.Result, "Reading the source VM's OS disk", notFoundIsError: false);
            Report(registration.Result, "Reading the Recovery Services provider registration", notFoundIsError: true);

            return new RestoreFacts(request)
            {
                SourceVmId = sourceVmId ?? request.ProtectedItemId ?? "",
                VaultId = vaultId,
                Vault = vault.Result,
                SourceVm = sourceVm.Result,
                SourceOsDisk = osDisk.Result,
                StorageAccount = storage.Result,
                TargetResourceGroup = group.Result,
                VirtualNetwork = vnet.Result,
                ExistingVm = existingVm.Result,
                DnsAvailability = dns.Result,
                ComputeUsages = usages.Result,
                VmSizes = sizes.Result,
                ResourceGroups = groups.Result,
                VaultSubscription = vaultSubscription.Result,
                TargetSubscription = targetSubscription.Result,
                RecoveryServicesRegistration = registration.Result,
            };
        }

        /// <summary>
        /// A vault protects VMs of its own subscription only, so the search lists that subscription's vaults and their
        /// protected VMs, and matches the item's source id (which outlives a deleted VM).
        /// </summary>
        private async Task<string?> FindVaultAsync(string vmId, CancellationToken ct)
        {
            var subscription = ArmIds.SubscriptionOf(vmId)!;
            var vaults = await ListAsync($"/subscriptions/{subscription}/providers/Microsoft.RecoveryServices/vaults", ApiVersions.RecoveryServicesVaults, null, ct).ConfigureAwait(false);
            Report(vaults, "Listing the Recovery Services vaults", notFoundIsError: true);
            foreach (var vault in vaults.Body.Array("value"))
            {
                var items = await ListAsync(vault.Id() + "/backupProtectedItems", ApiVersions.RecoveryServicesBackup, ProtectedItemFilter, ct).ConfigureAwait(false);
                Report(items, "Listing protected items", notFoundIsError: true);
                if (items.Body.Array("value").Any(i => ArmIds.Same(i.Str("properties.sourceResourceId"), vmId) || ArmIds.Same(i.Str("properties.virtualMachineId"), vmId)))
                    return vault.Id();
            }
            if (vaults.Found)
                _errors.Add(new ScopeErrorEvent(vmId, "ProtectedItemNotFound", AzBackupTroubleshoot.Errors.FailureKind.NotFound,
                    $"No Recovery Services vault in subscription {subscription} protects {vmId}, so there is nothing to restore from. Name the vault if it is elsewhere."));
            return null;
        }

        private Task<ResourceRead> Get(string? path, string apiVersion, CancellationToken ct)
            => path == null ? Task.FromResult(ResourceRead.NotRequested()) : GetAsync(path, apiVersion, ct);

        private async Task<ResourceRead> GetAsync(string path, string apiVersion, CancellationToken ct, string? query = null)
        {
            try
            {
                return ResourceRead.Of(path, await _arm.GetAsync(path, apiVersion, query, ct).ConfigureAwait(false));
            }
            catch (ArmRequestFailedException ex)
            {
                return ResourceRead.Failure(path, ex);
            }
        }

        /// <summary>A paged list, every page, kept as one {"value": [...]} body.</summary>
        private async Task<ResourceRead> ListAsync(string? path, string apiVersion, string? query, CancellationToken ct)
        {
            if (path == null) return ResourceRead.NotRequested();
            try
            {
                var items = new List<JsonElement>();
                await foreach (var item in _arm.ListAsync(path, apiVersion, query, ct).ConfigureAwait(false)) items.Add(item);
                return ResourceRead.Of(path, ValueArray(items));
            }
            catch (ArmRequestFailedException ex)
            {
                return ResourceRead.Failure(path, ex);
            }
        }

        /// <summary>One scope error per subscription and ARM error code: a forbidden subscription fails every read in it.</summary>
        private void Report(ResourceRead read, string whatFailed, bool notFoundIsError)
        {
            if (read.Error == null || (read.NotFound && !notFoundIsError)) return;
            var error = ScopeErrors.From(read.Path, read.Error, whatFailed);
            var subscription = ArmIds.SubscriptionOf(read.Path);
            if (_errors.Any(e => e.ErrorId == error.ErrorId && string.Equals(ArmIds.SubscriptionOf(e.Scope), subscription, StringComparison.OrdinalIgnoreCase))) return;
            _errors.Add(error);
        }

        private static JsonElement ValueArray(IEnumerable<JsonElement> items)
        {
            using var buffer = new MemoryStream();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                writer.WriteStartObject();
                writer.WriteStartArray("value");
                foreach (var item in items) item.WriteTo(writer);
                writer.WriteEndArray();
                writer.WriteEndObject();
            }
            using var doc = JsonDocument.Parse(buffer.ToArray());
            return doc.RootElement.Clone();
        }
    }
}
