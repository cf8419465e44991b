using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Compliance
{
    /// <summary>
    /// What a compliance run enforces: which checks, which severities fail the run, whether a Warning fails, and the
    /// suppressions (accepted risks, each with a justification and optionally an expiry date). Read from JSON
    /// (a PowerShell data file is turned into the same JSON by the cmdlet). Unknown settings are refused, so a typo
    /// never silently weakens a gate.
    /// </summary>
    public sealed class ComplianceConfiguration
    {
        /// <summary>Check ids to run (wildcards allowed); empty = every check in the results.</summary>
        public IReadOnlyList<string> Checks { get; private set; } = Array.Empty<string>();

        /// <summary>Check ids to leave out (wildcards allowed).</summary>
        public IReadOnlyList<string> ExcludeChecks { get; private set; } = Array.Empty<string>();

        /// <summary>The check severities whose failures fail the run; a failure of another severity is reported, not fatal.</summary>
        public IReadOnlyList<CheckSeverity> FailOnSeverity { get; private set; } = new[] { CheckSeverity.Critical, CheckSeverity.Warning, CheckSeverity.Info };

        /// <summary>When true a Warning result fails like a Fail (subject to <see cref="FailOnSeverity"/>); by default it passes.</summary>
        public bool WarningAsFailure { get; private set; }

        public IReadOnlyList<Suppression> Suppressions { get; private set; } = Array.Empty<Suppression>();

        /// <summary>Everything at its default: every check, every severity fails, warnings pass, nothing suppressed.</summary>
        public static ComplianceConfiguration Default { get; } = new ComplianceConfiguration();

        public const string InvalidConfiguration = "InvalidComplianceConfiguration";

        /// <summary>Reads a configuration; <paramref name="source"/> names it in errors (a file path).</summary>
        public static ComplianceConfiguration FromJson(string json, string source)
        {
            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip });
            }
            catch (JsonException ex)
            {
                throw Invalid(source, $"it is not valid JSON (line {(ex.LineNumber ?? 0) + 1})");
            }
            using (document)
            {
                var root = document.RootElement;
                if (root.ValueKind != JsonValueKind.Object) throw Invalid(source, "expected an object with checks, excludeChecks, failOnSeverity, warningAsFailure, suppressions");
                var config = new ComplianceConfiguration();
                foreach (var property in root.EnumerateObject())
                {
                    switch (property.Name.ToLowerInvariant())
                    {
                        case "checks": config.Checks = Strings(property, source); break;
                        case "excludechecks": config.ExcludeChecks = Strings(property, source); break;
                        case "failonseverity": config.FailOnSeverity = Strings(property, source).Select(s => Severity(s, source)).Distinct().ToList(); break;
                        case "warningasfailure":
                            if (property.Value.ValueKind != JsonValueKind.True && property.Value.ValueKind != JsonValueKind.False)
                                throw Invalid(source, "warningAsFailure must be true or false");
                            config.WarningAsFailure = property.Value.GetBoolean();
                            break;
                        case "suppressions":
                            if (property.Value.ValueKind != JsonValueKind.Array) throw Invalid(source, "suppressions must be a list");
                            config.Suppressions = property.Value.EnumerateArray().Select((s, i) => Suppression.From(s, i, source)).ToList();
                            break;
                        default:
                            throw Invalid(source, $"'{property.Name}' is not a setting (known: checks, excludeChecks, failOnSeverity, warningAsFailure, suppressions)");
                    }
                }
                return config;
            }
        }

        /// <summary>Whether results of <paramref name="checkId"/> take part in the run.</summary>
        public bool Includes(string checkId) =>
            (Checks.Count == 0 || Checks.Any(p => Wildcard.Matches(p, checkId))) && !ExcludeChecks.Any(p => Wildcard.Matches(p, checkId));

        internal static AzbtException Invalid(string source, string why) =>
            new AzbtException(FailureKind.InvalidInput, InvalidConfiguration, $"The compliance configuration '{source}' is not valid: {why}.", source);

        private static IReadOnlyList<string> Strings(JsonProperty property, string source)
        {
            var value = property.Value;
            if (value.ValueKind == JsonValueKind.String) return new[] { value.GetString()! };
            if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(v => v.ValueKind != JsonValueKind.String))
                throw Invalid(source, $"{property.Name} must be a list of strings");
            return value.EnumerateArray().Select(v => v.GetString()!).Where(s => s.Trim().Length > 0).ToList();
        }

        private static CheckSeverity Severity(string text, string source) =>
            Enum.TryParse<CheckSeverity>(text, ignoreCase: true, out var severity) && Enum.IsDefined(typeof(CheckSeverity), severity)
                ? severity
                : throw Invalid(source, $"'{text}' is not a severity (Critical, Warning, Info)");
    }
}
