namespace AzBackupTroubleshoot.Benchmark;

/// <summary>The rows each grid runs, as the arguments of one row's child process.</summary>
public static class Grid
{
    public static IEnumerable<string[]> Rows(string grid)
    {
        // The tool reading its lists from Resource Graph (no baseline: the per-VM script has no such mode).
        IEnumerable<string[]> Graph(int subs, int vms, string throttling, int latency = 20, bool skip = false)
        {
            yield return new[] { "--row", "tool", "--inventory-source", "resource-graph", "--vms", vms.ToString(), "--subscriptions", subs.ToString(), "--throttling", throttling, "--latency-ms", latency.ToString() }
                .Concat(skip ? new[] { "--skip-restore-points" } : Array.Empty<string>()).ToArray();
        }

        IEnumerable<string[]> Pair(int subs, int vms, string throttling, int latency = 20, bool skip = false)
        {
            var fleet = new[] { "--vms", vms.ToString(), "--subscriptions", subs.ToString(), "--throttling", throttling, "--latency-ms", latency.ToString() };
            yield return new[] { "--row", "tool" }.Concat(fleet).Concat(skip ? new[] { "--skip-restore-points" } : Array.Empty<string>()).ToArray();
            if (!skip) yield return new[] { "--row", "baseline" }.Concat(fleet).ToArray();
        }

        var small = Pair(1, 100, "off").Concat(Pair(1, 100, "on")).Concat(Pair(10, 1000, "off")).Concat(Pair(10, 1000, "on"))
            .Concat(Pair(10, 1000, "on", skip: true))
            .Concat(Graph(10, 1000, "on")).Concat(Graph(10, 1000, "on", skip: true));
        var targets = Pair(10, 10000, "on").Concat(Pair(10, 10000, "on", skip: true)).Concat(Pair(1000, 10000, "on", latency: 100, skip: true))
            .Concat(Pair(1000, 10000, "on", latency: 100))
            .Concat(Graph(1000, 10000, "on", latency: 100, skip: true)).Concat(Graph(1000, 10000, "on", latency: 100));
        return grid switch
        {
            "small" => small,
            "targets" => targets,
            "all" => small.Concat(targets),
            // Only the Resource Graph rows of both grids.
            "resource-graph" => Graph(10, 1000, "on").Concat(Graph(10, 1000, "on", skip: true))
                .Concat(Graph(1000, 10000, "on", latency: 100, skip: true)).Concat(Graph(1000, 10000, "on", latency: 100)),
            _ => throw new ArgumentException("--grid is small, targets, all or resource-graph."),
        };
    }
}
