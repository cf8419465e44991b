using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>
    /// SARIF 2.1.0: one rule per check seen in the results, one result per Fail (level error), Warning (level
    /// warning) and Error (kind review: the check could not decide). Passes and skips are not written, which keeps a
    /// fleet's file small. Results are located by the VM's resource id as a logical location (a VM is not a file),
    /// with a stable fingerprint (VM id + check id) so a viewer can track a finding across runs.
    /// </summary>
    internal static class SarifReport
    {
        public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

        public static void Write(ReportSummary summary, ReportOptions options, Stream output)
        {
            using var w = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
            var rules = summary.Checks.OrderBy(c => c.CheckId, StringComparer.Ordinal).ToList();
            var ruleIndex = rules.Select((c, i) => (c.CheckId, i)).ToDictionary(x => x.CheckId, x => x.i, StringComparer.OrdinalIgnoreCase);

            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", "AzBackupTroubleshoot");
            w.WriteString("version", options.ToolVersion);
            w.WriteString("informationUri", "https://github.com/AzBackupTroubleshoot/AzBackupTroubleshoot");
            w.WriteStartArray("rules");
            foreach (var rule in rules) WriteRule(w, rule, summary, options);
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteStartArray("invocations");
            w.WriteStartObject();
            w.WriteBoolean("executionSuccessful", true);
            w.WriteString("endTimeUtc", options.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ"));
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartArray("results");
            foreach (var r in summary.Findings) WriteResult(w, r, ruleIndex[r.CheckId]);
            w.WriteEndArray();

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }

        private static void WriteRule(Utf8JsonWriter w, CheckSummary rule, ReportSummary summary, ReportOptions options)
        {
            var sample = summary.Results.First(r => string.Equals(r.CheckId, rule.CheckId, StringComparison.OrdinalIgnoreCase));
            w.WriteStartObject();
            w.WriteString("id", rule.CheckId);
            w.WriteString("name", rule.CheckId.Replace(".", ""));
            w.WriteStartObject("shortDescription");
            w.WriteString("text", rule.Title);
            w.WriteEndObject();
            var link = options.DocLink(sample.DocPage);
            if (link != null) w.WriteString("helpUri", link);
            w.WriteStartObject("defaultConfiguration");
            w.WriteString("level", rule.Severity == CheckSeverity.Critical ? "error" : rule.Severity == CheckSeverity.Warning ? "warning" : "note");
            w.WriteEndObject();
            w.WriteStartObject("properties");
            w.WriteString("severity", rule.Severity.ToString());
            w.WriteString("docPage", sample.DocPage);
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static void WriteResult(Utf8JsonWriter w, CheckResult r, int ruleIndex)
        {
            w.WriteStartObject();
            w.WriteString("ruleId", r.CheckId);
            w.WriteNumber("ruleIndex", ruleIndex);
            if (r.Status == CheckStatus.Error)
            {
                w.WriteString("kind", "review");
                w.WriteString("level", "none");
            }
            else
            {
                w.WriteString("kind", "fail");
                w.WriteString("level", r.Status == CheckStatus.Fail ? "error" : "warning");
            }
            w.WriteStartObject("message");
            w.WriteString("text", string.IsNullOrEmpty(r.Remediation) ? r.Message : r.Message + " Fix: " + r.Remediation);
            w.WriteEndObject();

            w.WriteStartArray("locations");
            w.WriteStartObject();
            w.WriteStartArray("logicalLocations");
            w.WriteStartObject();
            w.WriteString("name", r.VmName);
            w.WriteString("fullyQualifiedName", r.VmId);
            w.WriteString("kind", "resource");
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();

            w.WriteStartObject("partialFingerprints");
            w.WriteString("vmCheck/v1", Fingerprint(r.VmId + "|" + r.CheckId));
            w.WriteEndObject();

            w.WriteStartObject("properties");
            w.WriteString("status", r.Status.ToString());
            w.WriteString("vmId", r.VmId);
            w.WriteString("resourceGroup", r.ResourceGroup);
            w.WriteString("subscriptionId", r.SubscriptionId);
            w.WriteStartArray("codes");
            foreach (var code in r.Codes) w.WriteStringValue(code);
            w.WriteEndArray();
            if (!string.IsNullOrEmpty(r.RepairCommand)) w.WriteString("repairCommand", r.RepairCommand);
            w.WriteStartArray("evidence");
            foreach (var e in r.Evidence) w.WriteStringValue(e.ToString());
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();
        }

        private static string Fingerprint(string text)
        {
            using var sha = SHA256.Create();
            var hash = sha.ComputeHash(Encoding.UTF8.GetBytes(text.ToLowerInvariant()));
            return string.Concat(hash.Take(16).Select(b => b.ToString("x2")));
        }
    }
}
