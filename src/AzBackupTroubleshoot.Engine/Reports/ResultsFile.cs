using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Reports
{
    /// <summary>
    /// Reads results saved by <c>azbt readiness --output json</c> (an array of results), or by PowerShell's
    /// <c>ConvertTo-Json</c> of Test-AzVmBackupReadiness output: names in any case, statuses as names or numbers.
    /// </summary>
    public static class ResultsFile
    {
        private static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            Converters = { new JsonStringEnumConverter() },
        };

        public static IReadOnlyList<CheckResult> Read(string path)
        {
            if (!File.Exists(path)) throw new FileNotFoundException($"The results file '{path}' does not exist.", path);
            using var stream = File.OpenRead(path);
            return Read(stream, path);
        }

        public static IReadOnlyList<CheckResult> Read(Stream stream, string name)
        {
            List<CheckResult?>? results;
            try
            {
                results = JsonSerializer.Deserialize<List<CheckResult?>>(stream, Options);
            }
            catch (JsonException ex)
            {
                var where = ex.LineNumber.HasValue ? $" (line {ex.LineNumber + 1})" : "";
                throw new InvalidDataException($"'{name}' is not a results file{where}: expected the JSON array that 'azbt readiness --output json' writes.");
            }
            if (results == null) throw new InvalidDataException($"'{name}' holds no results: expected a JSON array of results.");
            var bad = results.FindIndex(r => r == null || string.IsNullOrEmpty(r.CheckId) || (string.IsNullOrEmpty(r.VmId) && string.IsNullOrEmpty(r.VmName)));
            if (bad >= 0) throw new InvalidDataException($"'{name}': element {bad} is not a check result (it needs at least checkId and vmId or vmName).");
            return results.Select(r => Normalise(r!)).ToList();
        }

        // Arrays absent from hand-made files come back null; the writers expect empty ones.
        private static CheckResult Normalise(CheckResult r)
        {
            r.Codes ??= Array.Empty<string>();
            r.Evidence ??= Array.Empty<Evidence>();
            r.VmName ??= "";
            r.VmId ??= "";
            r.ResourceGroup ??= "";
            r.SubscriptionId ??= "";
            r.Title ??= r.CheckId;
            r.Message ??= "";
            r.DocPage ??= "";
            r.Language ??= "en";
            return r;
        }
    }
}
