using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;

namespace AzBackupTroubleshoot.Checks.Agent
{
    /// <summary>One minimum version with where it comes from (knowledge/thresholds/agent-minimums.json).</summary>
    public sealed record VersionMinimum(string Component, Version Minimum, string Source, string SourceDate);

    /// <summary>
    /// The agent and extension minimums, read once from the embedded knowledge/thresholds/agent-minimums.json: the one
    /// place to change when Microsoft publishes new ones.
    /// </summary>
    public static class AgentMinimums
    {
        private const string Resource = "AzBackupTroubleshoot.Thresholds.agent-minimums.json";
        private static readonly Lazy<IReadOnlyDictionary<string, VersionMinimum>> All = new(Load);

        public static VersionMinimum WindowsGuestAgent => Get("WindowsGuestAgent");
        public static VersionMinimum LinuxGuestAgent => Get("LinuxGuestAgent");
        public static VersionMinimum VmSnapshotLinux => Get("VMSnapshotLinux");

        public static IReadOnlyCollection<VersionMinimum> List => All.Value.Values.ToList();

        private static VersionMinimum Get(string component)
            => All.Value.TryGetValue(component, out var m) ? m : throw new InvalidOperationException($"agent-minimums.json has no '{component}'.");

        private static IReadOnlyDictionary<string, VersionMinimum> Load()
        {
            using var stream = typeof(AgentMinimums).Assembly.GetManifestResourceStream(Resource)
                ?? throw new InvalidOperationException("knowledge/thresholds/agent-minimums.json is not embedded in the engine assembly.");
            using var doc = JsonDocument.Parse(stream);
            return doc.RootElement.GetProperty("minimums").EnumerateArray().Select(m => new VersionMinimum(
                    m.GetProperty("component").GetString()!,
                    Version.Parse(m.GetProperty("minimum").GetString()!),
                    m.GetProperty("source").GetString()!,
                    m.GetProperty("sourceDate").GetString()!))
                .ToDictionary(m => m.Component, StringComparer.OrdinalIgnoreCase);
        }
    }
}
