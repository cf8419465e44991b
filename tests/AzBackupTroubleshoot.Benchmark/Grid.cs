namespace AzBackupTroubleshoot.Benchmark;

/// <summary>The rows each grid runs, as the arguments of one row's child process.</summary>
public static class Grid
{
    public static IEnumerable<string[]> Rows(string grid)
    {
        string[] Fleet(int subs, int vms, string throttling, int latency)
            => new[] { "--vms", vms.ToString(), "--subscriptions", subs.ToString(), "--throttling", throttling, "--latency-ms", latency.ToString() };
        string[] Skip(bool skip) => skip ? new[] { "--skip-restore-points" } : Array.Empty<string>();

        // The tool reading its lists from Resource Graph, or from where auto picks (no baseline: the script has no such mode).
        IEnumerable<string[]> Graph(int subs, int vms, string throttling, int latency = 20, bool skip = false, string source = "resource-graph")
        {
            yield return new[] { "--row", "tool", "--inventory-source", source }.Concat(Fleet(subs, vms, throttling, latency)).Concat(Skip(skip)).ToArray();
        }

        // The tool through ARM and the per-VM script, on the same fleet and with the same restore point mode.
        IEnumerable<string[]> Pair(int subs, int vms, string throttling, int latency = 20, bool skip = false)
        {
            yield return new[] { "--row", "tool" }.Concat(Fleet(subs, vms, throttling, latency)).Concat(Skip(skip)).ToArray();
            yield return new[] { "--row", "baseline" }.Concat(Fleet(subs, vms, throttling, latency)).Concat(Skip(skip)).ToArray();
        }

        var small = Pair(1, 100, "off").Concat(Pair(1, 100, "on")).Concat(Pair(10, 1000, "off")).Concat(Pair(10, 1000, "on"))
            .Concat(Pair(10, 1000, "on", skip: true))
            .Concat(Graph(10, 1000, "on")).Concat(Graph(10, 1000, "on", skip: true));
        // What the lead runs on an idle machine: the 10 x 10,000 target through ARM and as auto picks (Resource Graph above
        // 5 subscriptions), against the script, counted and skipped; then 1,000 x 10 at 100 ms.
        var targets = Pair(10, 10000, "on").Concat(Pair(10, 10000, "on", skip: true))
            .Concat(Graph(10, 10000, "on", source: "auto")).Concat(Graph(10, 10000, "on", skip: true, source: "auto"))
            .Concat(Graph(1000, 10000, "on", latency: 100, source: "auto")).Concat(Graph(1000, 10000, "on", latency: 100, skip: true, source: "auto"))
            .Concat(Pair(1000, 10000, "on", latency: 100)).Concat(Pair(1000, 10000, "on", latency: 100, skip: true));
        // One subscription of 10,000 VMs (auto reads it through ARM): the most VMs waiting for their restore points at once,
        // for about 390 s at the bucket's rate; the script's counted row would take twice that, so only its skipped row runs.
        var oneSubscription = Graph(1, 10000, "on", source: "auto").Concat(Graph(1, 10000, "on", skip: true, source: "auto"))
            .Concat(new[] { new[] { "--row", "baseline" }.Concat(Fleet(1, 10000, "on", 20)).Concat(Skip(true)).ToArray() });
        // Where auto's switch to Resource Graph (above InventorySources.AutoThreshold subscriptions) pays: both sources on
        // the same fleets, from 1 to 100 subscriptions of 10 and of 100 VMs, restore points counted, 100 ms latency.
        var threshold = new[] { 1, 2, 5, 10, 20, 50, 100 }.SelectMany(subs => new[] { 10, 100 }.SelectMany(perSub =>
            Graph(subs, subs * perSub, "on", latency: 100, source: "arm").Concat(Graph(subs, subs * perSub, "on", latency: 100))));
        return grid switch
        {
            "small" => small,
            "targets" => targets,
            "one-subscription" => oneSubscription,
            "all" => small.Concat(targets),
            // Only the Resource Graph rows of both grids.
            "resource-graph" => Graph(10, 1000, "on").Concat(Graph(10, 1000, "on", skip: true))
                .Concat(Graph(1000, 10000, "on", latency: 100, skip: true)).Concat(Graph(1000, 10000, "on", latency: 100)),
            "threshold" => threshold,
            _ => throw new ArgumentException("--grid is small, targets, one-subscription, all, resource-graph or threshold."),
        };
    }
}
