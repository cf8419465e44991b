using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.PowerShell.Output
{
    /// <summary>
    /// Turns what reaches a cmdlet through the pipeline into check results: Test-AzVmBackupReadiness's own objects, or
    /// the same data come back from Import-Csv, ConvertFrom-Json or Import-Clixml (matched by property name, so any
    /// object with CheckId, VmName/VmId and Status will do).
    /// </summary>
    internal static class ResultInput
    {
        /// <summary>
        /// Adds one piped object to <paramref name="results"/>; an object that is not a result is a non-terminating
        /// NotAReadinessResult error (InvalidArgument, the object as target) and the others go on.
        /// </summary>
        public static void Collect(Cmdlet cmdlet, PSObject? input, List<CheckResult> results)
        {
            if (input == null) return;
            var result = From(input);
            if (result == null)
            {
                cmdlet.WriteError(Errors.ErrorRecords.Record("This object is not a readiness result: it needs CheckId, VmId or VmName, and Status (pipe Test-AzVmBackupReadiness output).",
                    "NotAReadinessResult", ErrorCategory.InvalidArgument, input));
                return;
            }
            results.Add(result);
        }

        /// <summary>The result, or null when the object is not one (no CheckId, or no VmId/VmName).</summary>
        public static CheckResult? From(PSObject? input)
        {
            if (input == null) return null;
            if (input.BaseObject is CheckResult result) return result;
            if (input.BaseObject is BackupCheckResult shaped) return shaped.Source;

            var checkId = Text(input, "CheckId");
            var vmId = Text(input, "VmId");
            var vmName = Text(input, "VmName");
            if (string.IsNullOrEmpty(checkId) || (string.IsNullOrEmpty(vmId) && string.IsNullOrEmpty(vmName))) return null;
            return new CheckResult
            {
                CheckId = checkId!,
                VmId = vmId ?? "",
                VmName = string.IsNullOrEmpty(vmName) ? vmId!.Split('/').Last() : vmName!,
                ResourceGroup = Text(input, "ResourceGroup") ?? "",
                SubscriptionId = Text(input, "SubscriptionId") ?? "",
                Title = Text(input, "Title") ?? checkId!,
                Status = Enum<CheckStatus>(input, "Status"),
                Severity = Enum<CheckSeverity>(input, "Severity"),
                Codes = List(input, "Codes").ToArray(),
                Message = Text(input, "Message") ?? "",
                Remediation = Text(input, "Remediation"),
                RepairCommand = Text(input, "RepairCommand"),
                Evidence = EvidenceOf(input).ToArray(),
                DocPage = Text(input, "DocPage") ?? "",
                Language = Text(input, "Language") ?? "en",
            };
        }

        private static object? Value(PSObject input, string name)
        {
            var value = input.Properties[name]?.Value;
            return value is PSObject ps ? ps.BaseObject : value;
        }

        private static string? Text(PSObject input, string name)
        {
            var value = Value(input, name)?.ToString();
            return string.IsNullOrEmpty(value) ? null : value;
        }

        // Statuses arrive as the enum itself, its name ("Fail") or its number (ConvertTo-Json writes 2).
        private static T Enum<T>(PSObject input, string name) where T : struct
        {
            var text = Value(input, name)?.ToString();
            return System.Enum.TryParse<T>(text, ignoreCase: true, out var value) ? value : default;
        }

        // Codes and evidence arrive as arrays, or as one "a; b" string from a CSV.
        private static IEnumerable<string> List(PSObject input, string name)
        {
            var value = Value(input, name);
            if (value == null) return Enumerable.Empty<string>();
            if (value is string text) return text.Split(new[] { "; " }, StringSplitOptions.RemoveEmptyEntries);
            if (value is IEnumerable items) return items.Cast<object?>().Where(i => i != null).Select(i => (i is PSObject p ? p.BaseObject : i)!.ToString()!);
            return new[] { value.ToString()! };
        }

        private static IEnumerable<Evidence> EvidenceOf(PSObject input)
        {
            var value = Value(input, "Evidence");
            if (value is IEnumerable items && !(value is string))
            {
                foreach (var item in items)
                {
                    var inner = item is PSObject p ? p.BaseObject : item;
                    if (inner is Evidence evidence) yield return evidence;
                    else if (inner != null) yield return ParseEvidence(inner.ToString()!);
                }
                yield break;
            }
            foreach (var text in List(input, "Evidence")) yield return ParseEvidence(text);
        }

        private static Evidence ParseEvidence(string text)
        {
            var equals = text.IndexOf('=');
            return equals < 0 ? new Evidence("", text, null) : new Evidence("", text.Substring(0, equals), text.Substring(equals + 1));
        }
    }
}
