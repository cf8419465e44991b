using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Collect
{
    /// <summary>
    /// A collected inventory saved to a file, so it can be evaluated later with no Azure access (a support engineer
    /// evaluating a customer's export). The file holds what the collector streamed: each VM's inventory as ARM JSON and
    /// the scope errors, with a schema version. It never holds a token (the collector has none to give) and drops the
    /// properties that can carry secrets (<see cref="SecretProperties"/>) wherever they appear.
    /// </summary>
    public static class InventoryFile
    {
        /// <summary>The format written. A reader refuses another major version; a new minor version only adds fields.</summary>
        public const string SchemaVersion = "1.0";

        public const int SupportedMajorVersion = 1;

        /// <summary>Properties dropped from every saved resource: extension settings, passwords, custom and user data.</summary>
        public static readonly string[] SecretProperties = { "protectedSettings", "protectedSettingsFromKeyVault", "adminPassword", "customData", "userData" };

        /// <summary>Writes the inventories and scope errors of <paramref name="events"/>, passing every event on (for progress).</summary>
        public static async IAsyncEnumerable<ScanEvent> RecordAsync(IAsyncEnumerable<ScanEvent> events, Stream output, DateTimeOffset collectedAt,
            [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            var errors = new List<ScopeErrorEvent>();
            var early = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            using (var json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true }))
            {
                json.WriteStartObject();
                json.WriteString("schemaVersion", SchemaVersion);
                json.WriteString("collectedAt", collectedAt.UtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture));
                json.WriteStartArray("vms");
                await foreach (var evt in events.WithCancellation(cancellationToken).ConfigureAwait(false))
                {
                    if (evt is PartialInventoryEvent { OnlyTheVm: false } partial) early.Add(partial.Inventory.VmId); // sent without its restore points
                    if (evt is InventoryEvent inventory) WriteVm(json, inventory.Inventory, early.Remove(inventory.Inventory.VmId));
                    if (evt is ScopeErrorEvent error) errors.Add(error);
                    yield return evt;
                }
                json.WriteEndArray();
                json.WriteStartArray("scopeErrors");
                foreach (var e in errors)
                {
                    json.WriteStartObject();
                    json.WriteString("scope", e.Scope);
                    json.WriteString("errorId", e.ErrorId);
                    json.WriteString("kind", e.Kind.ToString());
                    json.WriteString("message", e.Message);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteEndObject();
            }
        }

        /// <summary>Reads a saved inventory. Throws <see cref="AzbtException"/> (InvalidInput) for a file this version cannot read.</summary>
        public static SavedInventory Load(string path)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(File.ReadAllBytes(path));
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AzbtException(FailureKind.InvalidInput, "InventoryUnreadable", $"Cannot read the inventory file '{path}': {ex.Message}", path);
            }
            catch (JsonException ex)
            {
                throw new AzbtException(FailureKind.InvalidInput, "InventoryNotJson", $"'{path}' is not an inventory file: it is not valid JSON ({ex.Message}).", path);
            }
            var root = document.RootElement;
            var version = root.ValueKind == JsonValueKind.Object && root.TryGetProperty("schemaVersion", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
            if (version == null)
                throw new AzbtException(FailureKind.InvalidInput, "InventoryNotRecognized", $"'{path}' is not an inventory file: it has no schemaVersion. Save one with 'azbt collect --out' or Export-AzBackupInventory.", path);
            if (!int.TryParse(version.Split('.')[0], out var major) || major != SupportedMajorVersion)
                throw new AzbtException(FailureKind.InvalidInput, "InventoryVersionUnsupported", $"'{path}' has inventory format {version}; this version of the tool reads {SupportedMajorVersion}.x. Use the tool version that wrote it, or export again.", path);

            var collectedAt = DateTimeOffset.Parse(root.GetProperty("collectedAt").GetString()!, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal);
            var vms = root.GetProperty("vms").EnumerateArray()
                .Select(vm => (ReadVm(vm, cloned: true), vm.TryGetProperty("streamedEarly", out var e) && e.ValueKind == JsonValueKind.True)).ToList();
            var errors = root.GetProperty("scopeErrors").EnumerateArray()
                .Select(e => new ScopeErrorEvent(e.GetProperty("scope").GetString()!, e.GetProperty("errorId").GetString()!,
                    KindOf(e.GetProperty("kind").GetString()),
                    e.GetProperty("message").GetString()!))
                .ToList();
            return new SavedInventory(collectedAt, vms, errors);
        }

        /// <summary>
        /// A saved scope error's kind: a <see cref="FailureKind"/> name, or one of the names files written before the
        /// kinds were unified used (same schema 1.0: only the names differ).
        /// </summary>
        private static FailureKind KindOf(string? name) => name switch
        {
            "PermissionDenied" => FailureKind.Authorization,
            "InvalidArgument" => FailureKind.InvalidInput,
            "ConnectionError" => FailureKind.Connection,
            "AuthenticationError" => FailureKind.Authentication,
            "OperationFailed" => FailureKind.ServiceError,
            _ => Enum.TryParse<FailureKind>(name, out var kind) ? kind : FailureKind.ServiceError,
        };

        /// <summary>
        /// One VM's inventory as the UTF-8 text of its entry in a file, secrets dropped as there: how a VM waiting for its
        /// restore points is held (text costs about half its parsed elements: docs/performance.md, "Where the memory goes").
        /// </summary>
        internal static byte[] ToUtf8(VmInventory vm)
        {
            using var stream = new MemoryStream(4096); // a waiting VM's text is about 4 KB
            using (var json = new Utf8JsonWriter(stream)) WriteVm(json, vm, streamedEarly: false);
            return stream.ToArray();
        }

        /// <summary>The inventory <see cref="ToUtf8"/> wrote: its elements share the one document of that text.</summary>
        internal static VmInventory FromUtf8(byte[] utf8) => ReadVm(Json.ParseUtf8(utf8), cloned: false);

        /// <param name="streamedEarly">The source sent the VM without restore points first (so a replay does the same).</param>
        private static void WriteVm(Utf8JsonWriter json, VmInventory vm, bool streamedEarly)
        {
            json.WriteStartObject();
            json.WriteBoolean("streamedEarly", streamedEarly);
            // Only an inventory kept with some of its parts (its model dropped) says so; a file's entries have their model.
            if (vm.Vm == null && vm.Exists) json.WriteBoolean("existsWithoutModel", true);
            json.WriteString("vmId", vm.VmId);
            json.WriteString("name", vm.Name);
            json.WriteString("resourceGroup", vm.ResourceGroup);
            json.WriteString("subscriptionId", vm.SubscriptionId);
            json.WriteString("location", vm.Location);
            Resource(json, "vm", vm.Vm);
            Resources(json, "locks", vm.Locks.Select(l => l.Json));
            json.WriteStartArray("restorePointResourceGroups");
            foreach (var g in vm.RestorePointResourceGroups) json.WriteStringValue(g);
            json.WriteEndArray();
            Resources(json, "restorePointCollections", vm.RestorePointCollections);
            json.WriteStartArray("protection");
            foreach (var p in vm.Protection)
            {
                json.WriteStartObject();
                json.WriteString("vaultId", p.VaultId);
                Resource(json, "protectedItem", p.ProtectedItem);
                Resource(json, "policy", p.Policy);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Resources(json, "jobs", vm.Jobs);
            Resources(json, "disks", vm.Disks);
            json.WriteStartArray("network");
            foreach (var n in vm.Network)
            {
                json.WriteStartObject();
                Resource(json, "nic", n.Nic);
                Resource(json, "nicSecurityGroup", n.NicSecurityGroup);
                Resource(json, "subnet", n.Subnet);
                Resource(json, "subnetSecurityGroup", n.SubnetSecurityGroup);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Resources(json, "keyVaults", vm.KeyVaults);
            json.WriteStartArray("roleAssignments");
            foreach (var r in vm.RoleAssignments)
            {
                json.WriteStartObject();
                json.WriteString("keyVaultId", r.KeyVaultId);
                Resource(json, "assignment", r.Assignment);
                Resource(json, "definition", r.Definition);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteStartArray("policyAssignments");
            foreach (var p in vm.PolicyAssignments)
            {
                json.WriteStartObject();
                Resource(json, "assignment", p.Assignment);
                Resource(json, "definition", p.Definition);
                Resources(json, "members", p.Members);
                json.WriteEndObject();
            }
            json.WriteEndArray();
            Resources(json, "policyExemptions", vm.PolicyExemptions);
            json.WriteStartObject("unavailable");
            foreach (var part in vm.Unavailable) json.WriteString(part.Key, part.Value);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        /// <param name="cloned">Each element in a document of its own, so that a whole file's document is not kept by one VM.</param>
        private static VmInventory ReadVm(JsonElement vm, bool cloned)
        {
            JsonElement Own(JsonElement e) => cloned ? e.Clone() : e;
            JsonElement? Opt(JsonElement parent, string name)
                => parent.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null ? Own(value) : (JsonElement?)null;
            List<JsonElement> All(string name) => vm.GetProperty(name).EnumerateArray().Select(Own).ToList();
            return new VmInventory
            {
                VmId = vm.GetProperty("vmId").GetString()!,
                Name = vm.GetProperty("name").GetString()!,
                ResourceGroup = vm.GetProperty("resourceGroup").GetString()!,
                SubscriptionId = vm.GetProperty("subscriptionId").GetString()!,
                Location = Opt(vm, "location")?.GetString(),
                Vm = Opt(vm, "vm"),
                ExistsWithoutModel = vm.TryGetProperty("existsWithoutModel", out var exists) && exists.ValueKind == JsonValueKind.True,
                Locks = All("locks").Select(l => new LockInfo(l)).ToList(),
                RestorePointResourceGroups = vm.GetProperty("restorePointResourceGroups").EnumerateArray().Select(g => g.GetString()!).ToList(),
                RestorePointCollections = All("restorePointCollections"),
                Protection = All("protection").Select(p => new ProtectionRecord(p.GetProperty("vaultId").GetString()!, p.GetProperty("protectedItem"), Opt(p, "policy"))).ToList(),
                Jobs = All("jobs"),
                Disks = All("disks"),
                Network = All("network").Select(n => new NetworkPath(n.GetProperty("nic"), Opt(n, "nicSecurityGroup"), Opt(n, "subnet"), Opt(n, "subnetSecurityGroup"))).ToList(),
                KeyVaults = All("keyVaults"),
                RoleAssignments = vm.TryGetProperty("roleAssignments", out var roles)
                    ? roles.EnumerateArray().Select(r => new RoleAssignmentFacts(r.GetProperty("keyVaultId").GetString()!, Own(r.GetProperty("assignment")), Opt(r, "definition"))).ToList()
                    : new List<RoleAssignmentFacts>(),
                PolicyAssignments = vm.TryGetProperty("policyAssignments", out var policy)
                    ? policy.EnumerateArray().Select(p => new PolicyAssignmentFacts(Own(p.GetProperty("assignment")), Opt(p, "definition"), p.GetProperty("members").EnumerateArray().Select(Own).ToList())).ToList()
                    : new List<PolicyAssignmentFacts>(),
                PolicyExemptions = vm.TryGetProperty("policyExemptions", out _) ? All("policyExemptions") : new List<JsonElement>(),
                Unavailable = Unavailable(vm),
            };
        }

        /// <summary>The parts the file says were not read; a file written before a part was collected lacks it (then it was not read).</summary>
        private static Dictionary<string, string> Unavailable(JsonElement vm)
        {
            var unavailable = vm.GetProperty("unavailable").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString() ?? "");
            foreach (var (property, part, what) in new[] { ("policyAssignments", InventoryParts.Policy, "policy assignments"), ("policyExemptions", InventoryParts.PolicyExemptions, "policy exemptions"), ("roleAssignments", InventoryParts.RoleAssignments, "key vault role assignments") })
                if (!vm.TryGetProperty(property, out _) && !unavailable.ContainsKey(part))
                    unavailable[part] = $"this inventory file was recorded before {what} were collected";
            return unavailable;
        }

        private static void Resources(Utf8JsonWriter json, string name, IEnumerable<JsonElement> resources)
        {
            json.WriteStartArray(name);
            foreach (var r in resources) WithoutSecrets(json, r);
            json.WriteEndArray();
        }

        private static void Resource(Utf8JsonWriter json, string name, JsonElement? resource)
        {
            json.WritePropertyName(name);
            if (resource == null) json.WriteNullValue();
            else WithoutSecrets(json, resource.Value);
        }

        private static void WithoutSecrets(Utf8JsonWriter json, JsonElement value)
        {
            switch (value.ValueKind)
            {
                case JsonValueKind.Object:
                    json.WriteStartObject();
                    foreach (var p in value.EnumerateObject())
                    {
                        if (SecretProperties.Contains(p.Name, StringComparer.OrdinalIgnoreCase)) continue;
                        json.WritePropertyName(p.Name);
                        WithoutSecrets(json, p.Value);
                    }
                    json.WriteEndObject();
                    break;
                case JsonValueKind.Array:
                    json.WriteStartArray();
                    foreach (var item in value.EnumerateArray()) WithoutSecrets(json, item);
                    json.WriteEndArray();
                    break;
                default:
                    value.WriteTo(json);
                    break;
            }
        }
    }

    /// <summary>
    /// A saved inventory as an inventory source: it streams the saved VMs and scope errors, whatever scope it is asked
    /// for (the scope was chosen when it was collected). Evaluate it at <see cref="CollectedAt"/> to get the results the
    /// live scan gave.
    /// </summary>
    public sealed class SavedInventory : IInventorySource
    {
        private readonly IReadOnlyList<(VmInventory Vm, bool StreamedEarly)> _vms;
        private readonly IReadOnlyList<ScopeErrorEvent> _errors;

        internal SavedInventory(DateTimeOffset collectedAt, IReadOnlyList<(VmInventory, bool)> vms, IReadOnlyList<ScopeErrorEvent> errors)
        {
            CollectedAt = collectedAt;
            _vms = vms;
            _errors = errors;
        }

        /// <summary>When the inventory was collected: the natural "now" to judge it at.</summary>
        public DateTimeOffset CollectedAt { get; }

        public IReadOnlyList<VmInventory> Vms => _vms.Select(v => v.Vm).ToList();

        public async IAsyncEnumerable<ScanEvent> CollectAsync(ScanScope scope, [EnumeratorCancellation] CancellationToken cancellationToken = default)
        {
            await Task.Yield();
            foreach (var error in _errors) yield return error;
            foreach (var (vm, streamedEarly) in _vms)
            {
                cancellationToken.ThrowIfCancellationRequested();
                // Replayed as the live source streamed it, so results come in the same order. The checks run on the
                // partial event read no restore points, so giving them the complete inventory changes nothing.
                if (streamedEarly) yield return new PartialInventoryEvent(vm);
                yield return new InventoryEvent(vm);
            }
        }
    }
}
