using System.Globalization;
using System.IO;
using System.Linq;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.Triage;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>One diagnosis as plain text, streamed as it comes: what azbt failures prints to pipes and files.</summary>
    public static class DiagnosisText
    {
        public static void Write(TextWriter stdout, BackupFailureDiagnosis d, KnowledgeLanguage language)
        {
            string Label(string key) => Phrases.Default.Text("label." + key, language);
            stdout.WriteLine($"{d.VmName}  {d.Kind}  {Started(d)}  {Label("job")} {d.JobName} ({d.VaultName})");
            if (d.ErrorMessage != null) stdout.WriteLine($"  {Label("error")}: {d.ErrorMessage}");
            if (d.Match != null) stdout.WriteLine($"  {Label("match")}: {Match(d.Match, language)}");
            if (d.UnderlyingDetail != null)
                stdout.WriteLine($"  {Label("detail")}: {d.UnderlyingDetail}" + (d.DetailMatch != null ? $" [{d.DetailMatch.Code}]" : ""));
            stdout.WriteLine($"  {Label("cause")}: {d.MostLikelyCause}");
            if (d.Remediation.Length > 0)
            {
                stdout.WriteLine($"  {Label("fix")}:");
                for (var i = 0; i < d.Remediation.Length; i++) stdout.WriteLine($"    {i + 1}. {d.Remediation[i]}");
            }
            if (d.RepairCommand != null) stdout.WriteLine($"  {Label("repair")}: {d.RepairCommand}");
            if (d.RelatedChecks.Length > 0) stdout.WriteLine($"  {Label("evidence")}: {Evidence(d)}");
            stdout.WriteLine();
        }

        internal static string Started(BackupFailureDiagnosis d)
            => d.StartTime?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";

        internal static string Match(KnowledgeMatch m, KnowledgeLanguage language)
            => $"{m.Code} - {m.Title} ({Phrases.Default.Text("label.score", language)} {m.Score.ToString("0.00", CultureInfo.InvariantCulture)})";

        internal static string Evidence(BackupFailureDiagnosis d) => string.Join("; ", d.RelatedChecks.Select(r => $"{r.CheckId} {r.Status}"));
    }
}
