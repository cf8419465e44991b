using System;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Compliance
{
    /// <summary>
    /// An accepted risk: results of the matching checks on the matching VMs do not fail the run. A suppression names
    /// at least one of check id, VM (name or resource id, wildcards allowed) or tag (a check's area, severity or tag),
    /// always a justification, and optionally the date after which it no longer holds.
    /// </summary>
    public sealed class Suppression
    {
        private Suppression(string checkId, string vm, string? tag, string justification, DateTimeOffset? expires, int index)
            => (CheckId, Vm, Tag, Justification, Expires, Index) = (checkId, vm, tag, justification, expires, index);

        public string CheckId { get; }
        public string Vm { get; }
        public string? Tag { get; }
        public string Justification { get; }
        /// <summary>The last day it holds (end of that day, UTC); null: it does not expire.</summary>
        public DateTimeOffset? Expires { get; }
        /// <summary>Its position in the configuration (0-based), for messages.</summary>
        public int Index { get; }

        public bool IsExpired(DateTimeOffset now) => Expires.HasValue && now > Expires.Value;

        public bool Matches(CheckResult result, CheckTags check) =>
            Wildcard.Matches(CheckId, result.CheckId)
            && (Wildcard.Matches(Vm, result.VmName) || Wildcard.Matches(Vm, result.VmId))
            && (Tag == null || check.Tags.Any(t => string.Equals(t, Tag, StringComparison.OrdinalIgnoreCase)));

        public string Describe() =>
            $"suppression {Index + 1} (check '{CheckId}', VM '{Vm}'{(Tag == null ? "" : $", tag '{Tag}'")})";

        internal static Suppression From(JsonElement element, int index, string source)
        {
            if (element.ValueKind != JsonValueKind.Object) throw ComplianceConfiguration.Invalid(source, $"suppression {index + 1} must be an object");
            string? checkId = null, vm = null, tag = null, justification = null;
            DateTimeOffset? expires = null;
            foreach (var p in element.EnumerateObject())
            {
                string Text() => p.Value.ValueKind == JsonValueKind.String ? p.Value.GetString()!.Trim()
                    : throw ComplianceConfiguration.Invalid(source, $"suppression {index + 1}: {p.Name} must be a string");
                switch (p.Name.ToLowerInvariant())
                {
                    case "checkid": checkId = Text(); break;
                    case "vm": vm = Text(); break;
                    case "tag": tag = Text(); break;
                    case "justification": justification = Text(); break;
                    case "expires":
                        var text = Text();
                        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
                            throw ComplianceConfiguration.Invalid(source, $"suppression {index + 1}: expires '{text}' is not a date (use yyyy-MM-dd)");
                        // A date alone means "through that day".
                        expires = date.TimeOfDay == TimeSpan.Zero ? date.AddDays(1).AddTicks(-1) : date;
                        break;
                    default:
                        throw ComplianceConfiguration.Invalid(source, $"suppression {index + 1}: '{p.Name}' is not a field (checkId, vm, tag, justification, expires)");
                }
            }
            if (string.IsNullOrEmpty(checkId) && string.IsNullOrEmpty(vm) && string.IsNullOrEmpty(tag))
                throw ComplianceConfiguration.Invalid(source, $"suppression {index + 1} names no checkId, vm or tag: it would suppress everything");
            if (string.IsNullOrEmpty(justification))
                throw ComplianceConfiguration.Invalid(source, $"suppression {index + 1} has no justification");
            return new Suppression(string.IsNullOrEmpty(checkId) ? "*" : checkId!, string.IsNullOrEmpty(vm) ? "*" : vm!,
                string.IsNullOrEmpty(tag) ? null : tag, justification!, expires, index);
        }
    }
}
