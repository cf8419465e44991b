using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Xml;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>
    /// JUnit XML (the Ant/Jenkins shape CI servers read): one test suite per check, one test case per VM. Fail is a
    /// failure, Error an error, Skipped a skip; a Warning passes (it is not a broken backup) but carries its message
    /// in system-out so it is visible in the CI's test view.
    /// </summary>
    internal static class JUnitReport
    {
        public static void Write(ReportSummary summary, ReportOptions options, Stream output)
        {
            var settings = new XmlWriterSettings { Indent = true, Encoding = new UTF8Encoding(false), CheckCharacters = false };
            using var w = XmlWriter.Create(output, settings);
            var timestamp = options.GeneratedAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss");
            w.WriteStartDocument();
            w.WriteStartElement("testsuites");
            w.WriteAttributeString("name", options.Title);
            w.WriteAttributeString("tests", summary.Results.Count.ToString());
            w.WriteAttributeString("failures", summary.ByStatus[CheckStatus.Fail].ToString());
            w.WriteAttributeString("errors", summary.ByStatus[CheckStatus.Error].ToString());
            w.WriteAttributeString("time", "0");

            var id = 0;
            foreach (var check in summary.Checks.OrderBy(c => c.CheckId, StringComparer.Ordinal))
            {
                var results = summary.Results.Where(r => string.Equals(r.CheckId, check.CheckId, StringComparison.OrdinalIgnoreCase))
                    .OrderBy(r => r.VmName, StringComparer.OrdinalIgnoreCase).ToList();
                w.WriteStartElement("testsuite");
                w.WriteAttributeString("name", check.CheckId);
                w.WriteAttributeString("tests", results.Count.ToString());
                w.WriteAttributeString("failures", check.Count(CheckStatus.Fail).ToString());
                w.WriteAttributeString("errors", check.Count(CheckStatus.Error).ToString());
                w.WriteAttributeString("skipped", check.Count(CheckStatus.Skipped).ToString());
                w.WriteAttributeString("time", "0");
                w.WriteAttributeString("timestamp", timestamp);
                w.WriteAttributeString("hostname", "azure");
                w.WriteAttributeString("id", (id++).ToString());
                w.WriteAttributeString("package", "AzBackupTroubleshoot");
                w.WriteStartElement("properties");
                WriteProperty(w, "title", check.Title);
                WriteProperty(w, "severity", check.Severity.ToString());
                w.WriteEndElement();
                foreach (var r in results) WriteCase(w, r);
                w.WriteEndElement();
            }
            w.WriteEndElement();
            w.WriteEndDocument();
        }

        private static void WriteCase(XmlWriter w, CheckResult r)
        {
            w.WriteStartElement("testcase");
            w.WriteAttributeString("name", $"{r.VmName} ({r.ResourceGroup})");
            w.WriteAttributeString("classname", r.CheckId);
            w.WriteAttributeString("time", "0");
            var detail = Clean(string.Join("\n", new[] { r.Message, r.Remediation == null ? null : "Fix: " + r.Remediation, r.RepairCommand == null ? null : "Repair: " + r.RepairCommand }
                .Concat(r.Evidence.Select(e => "Evidence: " + e)).Where(s => !string.IsNullOrEmpty(s))));
            switch (r.Status)
            {
                case CheckStatus.Fail:
                    w.WriteStartElement("failure");
                    w.WriteAttributeString("message", Clean(r.Message));
                    w.WriteAttributeString("type", r.Codes.FirstOrDefault() ?? r.CheckId);
                    w.WriteString(detail);
                    w.WriteEndElement();
                    break;
                case CheckStatus.Error:
                    w.WriteStartElement("error");
                    w.WriteAttributeString("message", Clean(r.Message));
                    w.WriteAttributeString("type", "CheckError");
                    w.WriteString(detail);
                    w.WriteEndElement();
                    break;
                case CheckStatus.Skipped:
                    w.WriteStartElement("skipped");
                    w.WriteAttributeString("message", Clean(r.Message));
                    w.WriteEndElement();
                    break;
                case CheckStatus.Warning:
                    w.WriteElementString("system-out", "Warning: " + detail);
                    break;
            }
            w.WriteEndElement();
        }

        private static void WriteProperty(XmlWriter w, string name, string value)
        {
            w.WriteStartElement("property");
            w.WriteAttributeString("name", name);
            w.WriteAttributeString("value", Clean(value));
            w.WriteEndElement();
        }

        // XML 1.0 cannot carry most control characters; ARM text can (rarely) contain them.
        private static string Clean(string text) =>
            new string(text.Where(c => c == '\n' || c == '\t' || c == '\r' || (c >= ' ' && c != '\uFFFE' && c != '\uFFFF')).ToArray());
    }
}
