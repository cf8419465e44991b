using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// The engine's rules for every identifier a user hands it, checked before anything is sent to ARM: subscription
    /// GUIDs, resource group names as ARM accepts them, and resource ids parsed by kind (provider, types, names). A value
    /// that breaks a rule throws an <see cref="AzbtException"/> of kind InvalidInput whose code says which input was bad
    /// (<see cref="FailureCodes.InvalidSubscriptionId"/> for a subscription id, <see cref="FailureCodes.InvalidResourceGroupName"/>
    /// for a group name, <see cref="FailureCodes.InvalidResourceId"/> for any resource id, whatever part of it is wrong), whose one-line message says what is wrong and the expected shape,
    /// and whose target is the value. Each rule gives back the value as it is safe to use (trimmed, no trailing '/').
    /// </summary>
    public static class Identifiers
    {
        public const string SubscriptionShape = "a GUID such as 00000000-0000-0000-0000-000000000000";
        public const string ResourceGroupShape = "1-90 letters, digits, '_', '-', '.', '(' or ')', not ending with '.'";

        private const int MaxIdLength = 2048;

        private static readonly Regex Guid = new Regex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$", RegexOptions.CultureInvariant);

        // ARM: alphanumerics (Unicode letters and digits count), underscores, parentheses, hyphens and periods; 1-90; no trailing period.
        private static readonly Regex GroupName = new Regex(@"^[\p{L}\p{Mn}\p{Nd}_\-\.\(\)]{1,90}$", RegexOptions.CultureInvariant);

        /// <summary>The kinds of resource id the engine accepts from users.</summary>
        public static readonly ResourceKind VirtualMachine = new ResourceKind("virtual machine", "Microsoft.Compute",
            new[] { new ChildType("virtualMachines", @"^[\p{L}\p{Nd}_\.\-]{1,64}$", "1-64 letters, digits, '_', '.' or '-'") });

        public static readonly ResourceKind Disk = new ResourceKind("managed disk", "Microsoft.Compute",
            new[] { new ChildType("disks", @"^[\p{L}\p{Nd}_\.\-]{1,80}$", "1-80 letters, digits, '_', '.' or '-'") });

        public static readonly ResourceKind Vault = new ResourceKind("Recovery Services vault", "Microsoft.RecoveryServices",
            new[] { VaultType() });

        public static readonly ResourceKind BackupJob = new ResourceKind("backup job", "Microsoft.RecoveryServices",
            new[] { VaultType(), new ChildType("backupJobs", @"^[\w\-\.]{1,128}$", "the job's name, a GUID") });

        public static readonly ResourceKind ProtectedItem = new ResourceKind("protected item", "Microsoft.RecoveryServices",
            new[] { VaultType(), new ChildType("backupFabrics", null, "<fabric>"), new ChildType("protectionContainers", null, "<container>"), new ChildType("protectedItems", null, "<item>") });

        public static readonly ResourceKind StorageAccount = new ResourceKind("storage account", "Microsoft.Storage",
            new[] { new ChildType("storageAccounts", "^[a-z0-9]{3,24}$", "3-24 lower-case letters and digits") });

        public static readonly ResourceKind Subnet = new ResourceKind("subnet", "Microsoft.Network",
            new[] { new ChildType("virtualNetworks", @"^[\w\.\-]{1,80}$", "<vnet>"), new ChildType("subnets", @"^[\w\.\-]{1,80}$", "<subnet>") });

        private static ChildType VaultType() => new ChildType("vaults", @"^[A-Za-z0-9][A-Za-z0-9\-]{0,49}$", "1-50 letters, digits or '-'");

        public static bool IsSubscriptionId(string? value) => value != null && Guid.IsMatch(value.Trim());

        /// <summary>A subscription id: a GUID of ASCII hex digits. Returns it trimmed.</summary>
        public static string SubscriptionId(string? value)
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0)
                throw Invalid(FailureCodes.InvalidSubscriptionId, "The subscription id is empty. Expected " + SubscriptionShape + ".", value);
            if (!Guid.IsMatch(text))
                throw Invalid(FailureCodes.InvalidSubscriptionId, $"'{Shown(value!)}' is not a subscription id. Expected {SubscriptionShape}.", value);
            return text;
        }

        /// <summary>A resource group name as ARM accepts it. Returns it trimmed.</summary>
        public static string ResourceGroupName(string? value)
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0)
                throw Invalid(FailureCodes.InvalidResourceGroupName, "The resource group name is empty. Expected " + ResourceGroupShape + ".", value);
            var why = GroupProblem(text);
            if (why != null)
                throw Invalid(FailureCodes.InvalidResourceGroupName, $"'{Shown(value!)}' is not a resource group name: {why}. Expected {ResourceGroupShape}.", value);
            return text;
        }

        /// <summary>A resource group id, /subscriptions/{guid}/resourceGroups/{name}. Returns it normalized.</summary>
        public static string ResourceGroupId(string? value)
        {
            const string shape = "/subscriptions/<subscription-guid>/resourceGroups/<group>";
            var segments = Segments(value, "resource group", shape);
            if (segments.Length != 4) throw WrongShape(value, "resource group", shape, "it has the wrong number of segments");
            var (subscription, group) = SubscriptionAndGroup(segments, value, "resource group", shape);
            return ArmIds.ResourceGroupId(subscription, group);
        }

        /// <summary>A VM resource id, parsed.</summary>
        public static VmId VmId(string? value)
        {
            var id = Parse(value, VirtualMachine);
            return new VmId(id.SubscriptionId, id.ResourceGroup, id.Names[0]);
        }

        /// <summary>A VM's name (within a resource group). Returns it trimmed.</summary>
        public static string VmName(string? value)
        {
            var text = value?.Trim() ?? "";
            var rule = VirtualMachine.Types[0];
            if (text.Length == 0 || !rule.NameRule!.IsMatch(text))
                throw Invalid(FailureCodes.InvalidResourceId, $"'{Shown(value ?? "")}' is not a virtual machine name. Expected {rule.NameText}.", value);
            return text;
        }

        /// <summary>A Recovery Services vault id. Returns it normalized.</summary>
        public static string VaultId(string? value) => Parse(value, Vault).Id;

        /// <summary>A backup job id, {vault id}/backupJobs/{name}. Returns it normalized.</summary>
        public static string BackupJobId(string? value) => Parse(value, BackupJob).Id;

        /// <summary>A managed disk id. Returns it normalized.</summary>
        public static string DiskId(string? value) => Parse(value, Disk).Id;

        /// <summary>
        /// Parses a resource id of one kind: /subscriptions/{guid}/resourceGroups/{group}/providers/{namespace}/{type}/{name}[/{type}/{name}]...
        /// Rejects empty segments, '.' and '..', query strings and fragments, control characters, percent-escapes,
        /// URLs, another provider or type, and names that break the kind's rule.
        /// </summary>
        public static ParsedResourceId Parse(string? value, ResourceKind kind)
        {
            var shape = kind.Shape;
            var segments = Segments(value, kind.What, shape);
            var (subscription, group) = SubscriptionAndGroup(segments, value, kind.What, shape);
            var expected = 6 + 2 * kind.Types.Count;
            if (segments.Length >= 6 && !string.Equals(segments[4], "providers", StringComparison.OrdinalIgnoreCase))
                throw WrongShape(value, kind.What, shape, $"'{Shown(segments[4])}' stands where 'providers' belongs");
            if (segments.Length >= 7 && (!string.Equals(segments[5], kind.Namespace, StringComparison.OrdinalIgnoreCase)
                                         || !string.Equals(segments[6], kind.Types[0].Name, StringComparison.OrdinalIgnoreCase)))
                throw WrongShape(value, kind.What, shape, $"it names a {Shown(segments[5])}/{Shown(segments[6])}, not a {kind.Namespace}/{kind.Types[0].Name}");
            if (segments.Length != expected)
                throw WrongShape(value, kind.What, shape, segments.Length < expected ? "it is missing segments" : "it has segments after the resource's name");
            var names = new List<string>();
            for (var i = 0; i < kind.Types.Count; i++)
            {
                var type = kind.Types[i];
                var typeSegment = segments[6 + 2 * i];
                var name = segments[7 + 2 * i];
                if (i > 0 && !string.Equals(typeSegment, type.Name, StringComparison.OrdinalIgnoreCase))
                    throw WrongShape(value, kind.What, shape, $"'{Shown(typeSegment)}' stands where '{type.Name}' belongs");
                if (type.NameRule != null && !type.NameRule.IsMatch(name))
                    throw WrongShape(value, kind.What, shape, $"'{Shown(name)}' is not a {type.Name} name ({type.NameText})");
                names.Add(name);
            }
            var id = "/" + string.Join("/", segments);
            return new ParsedResourceId(id, subscription, group, names);
        }

        /// <summary>Whether <paramref name="value"/> is an id of this kind, without throwing.</summary>
        public static bool Is(string? value, ResourceKind kind)
        {
            try
            {
                Parse(value, kind);
                return true;
            }
            catch (AzbtException)
            {
                return false;
            }
        }

        /// <summary>The segments of an id after its leading '/', with the rules every segment of every kind obeys.</summary>
        private static string[] Segments(string? value, string what, string shape)
        {
            var text = value?.Trim() ?? "";
            if (text.Length == 0)
                throw Invalid(FailureCodes.InvalidResourceId, $"The {what} resource id is empty. Expected {shape}.", value);
            if (text.Length > MaxIdLength)
                throw WrongShape(value, what, shape, $"it is {text.Length} characters long (at most {MaxIdLength})");
            foreach (var c in text)
            {
                if (char.IsControl(c)) throw WrongShape(value, what, shape, "it has a control character (a line break or tab)");
                if (c == '?' || c == '#') throw WrongShape(value, what, shape, "it has a query string or fragment ('?' or '#')");
                if (c == '%') throw WrongShape(value, what, shape, "it has a percent-escape ('%')");
                if (c == '\\') throw WrongShape(value, what, shape, "it has a backslash");
            }
            if (text.IndexOf("://", StringComparison.Ordinal) >= 0)
                throw WrongShape(value, what, shape, "it is a URL; give the id alone, from /subscriptions/, without the host");
            if (text[0] != '/')
                throw WrongShape(value, what, shape, "it does not start with /subscriptions/");
            if (text.Length > 1 && text[text.Length - 1] == '/') text = text.Substring(0, text.Length - 1);
            var segments = text.Substring(1).Split('/');
            foreach (var segment in segments)
            {
                if (segment.Length == 0) throw WrongShape(value, what, shape, "it has an empty segment ('//' or a missing name)");
                if (segment == "." || segment == "..") throw WrongShape(value, what, shape, $"it has a '{segment}' segment");
                if (segment.Trim().Length != segment.Length) throw WrongShape(value, what, shape, $"the segment '{Shown(segment)}' starts or ends with a space");
            }
            if (!string.Equals(segments[0], "subscriptions", StringComparison.OrdinalIgnoreCase))
                throw WrongShape(value, what, shape, "it does not start with /subscriptions/");
            return segments;
        }

        private static (string Subscription, string Group) SubscriptionAndGroup(string[] segments, string? value, string what, string shape)
        {
            if (segments.Length < 2) throw WrongShape(value, what, shape, "it has no subscription");
            if (!Guid.IsMatch(segments[1]))
                throw Invalid(FailureCodes.InvalidResourceId, $"'{Shown(value!)}' is not a {what} resource id: '{Shown(segments[1])}' is not a subscription id ({SubscriptionShape}). Expected {shape}.", value);
            if (segments.Length < 4 || !string.Equals(segments[2], "resourceGroups", StringComparison.OrdinalIgnoreCase))
                throw WrongShape(value, what, shape, "it has no /resourceGroups/<group> after the subscription");
            var why = GroupProblem(segments[3]);
            if (why != null)
                throw Invalid(FailureCodes.InvalidResourceId, $"'{Shown(value!)}' is not a {what} resource id: '{Shown(segments[3])}' is not a resource group name ({why}). Expected {shape}.", value);
            return (segments[1], segments[3]);
        }

        private static string? GroupProblem(string name)
        {
            if (name == "." || name == "..") return $"'{name}' is a path step, not a name";
            if (name.Length > 90) return $"it is {name.Length} characters long (at most 90)";
            if (!GroupName.IsMatch(name)) return "it has a character ARM does not allow in a group name";
            if (name.EndsWith(".", StringComparison.Ordinal)) return "it ends with '.'";
            return null;
        }

        private static AzbtException WrongShape(string? value, string what, string shape, string why)
            => Invalid(FailureCodes.InvalidResourceId, $"'{Shown(value ?? "")}' is not a {what} resource id: {why}. Expected {shape}.", value);

        private static AzbtException Invalid(string code, string message, string? value)
            => new AzbtException(FailureKind.InvalidInput, code, message, value);

        /// <summary>A value as it is safe to echo in one line: control characters as spaces, long values cut.</summary>
        internal static string Shown(string value)
        {
            var chars = value.ToCharArray();
            for (var i = 0; i < chars.Length; i++) if (char.IsControl(chars[i])) chars[i] = ' ';
            var clean = new string(chars);
            return clean.Length <= 100 ? clean : clean.Substring(0, 97) + "...";
        }
    }

    /// <summary>A kind of resource id: what it is called, its provider namespace and its chain of types.</summary>
    public sealed class ResourceKind
    {
        internal ResourceKind(string what, string providerNamespace, IReadOnlyList<ChildType> types)
        {
            What = what;
            Namespace = providerNamespace;
            Types = types;
            var shape = "/subscriptions/<subscription-guid>/resourceGroups/<group>/providers/" + providerNamespace;
            foreach (var type in types) shape += "/" + type.Name + "/" + (type.NameText.StartsWith("<", StringComparison.Ordinal) ? type.NameText : "<name>");
            Shape = shape;
        }

        public string What { get; }
        public string Namespace { get; }
        internal IReadOnlyList<ChildType> Types { get; }

        /// <summary>The id's shape as messages show it.</summary>
        public string Shape { get; }
    }

    internal sealed class ChildType
    {
        public ChildType(string name, string? nameRule, string nameText)
        {
            Name = name;
            NameRule = nameRule == null ? null : new Regex(nameRule, RegexOptions.CultureInvariant);
            NameText = nameText;
        }

        public string Name { get; }
        public Regex? NameRule { get; }
        public string NameText { get; }
    }

    /// <summary>A resource id that passed its kind's rules: the id normalized, its subscription, group and the name of each type.</summary>
    public sealed record ParsedResourceId(string Id, string SubscriptionId, string ResourceGroup, IReadOnlyList<string> Names)
    {

        /// <summary>The id up to and including the first type's name (the vault of a job, the vnet of a subnet).</summary>
        public string Parent => $"/subscriptions/{SubscriptionId}/resourceGroups/{ResourceGroup}/providers/{Id.Split('/')[6]}/{Id.Split('/')[7]}/{Names[0]}";
    }
}
