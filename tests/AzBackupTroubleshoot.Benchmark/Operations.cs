using AzBackupTroubleshoot.EndToEnd.Tests.Conformance;

namespace AzBackupTroubleshoot.Benchmark;

/// <summary>
/// Names each logged request by the ARM operation that takes it (arm-requests.json, the conformance table), with the
/// query values that change what it reads (statusOnly, $expand); every page of a list counts for its operation.
/// </summary>
public sealed class Operations
{
    private readonly ConformanceTable _table = ConformanceTable.Load();

    public string Name(LoggedRequest request)
    {
        var row = _table.Rows.FirstOrDefault(r => r.PathMatches(request.Method, request.Path));
        var name = row?.OperationId ?? $"{request.Method} {request.Path} (no row)";
        var shaping = ConformanceTable.ParseQuery(request.Query).Where(q => q.Key is "statusOnly" or "$expand").Select(q => $"{q.Key}={q.Value}");
        return string.Join(" ", new[] { name }.Concat(shaping));
    }

    public SortedDictionary<string, int> Count(IEnumerable<LoggedRequest> requests)
        => new(requests.GroupBy(Name).ToDictionary(g => g.Key, g => g.Count()), StringComparer.Ordinal);
}
