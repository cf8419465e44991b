using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>The fault rules in force. Each matching request uses up one of a rule's <see cref="FaultRule.Times"/>.</summary>
public sealed class FaultInjector
{
    private sealed class ActiveRule
    {
        public required FaultRule Rule;
        public required Regex Path;
        public Regex? Query;
        public int Remaining;
    }

    private readonly List<ActiveRule> _rules = new();
    private readonly object _sync = new();

    public void Add(FaultRule rule)
    {
        var active = new ActiveRule
        {
            Rule = rule,
            Path = new Regex(rule.PathPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            Query = rule.QueryPattern == null ? null : new Regex(rule.QueryPattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant),
            Remaining = rule.Times,
        };
        lock (_sync) _rules.Add(active);
    }

    public void Clear()
    {
        lock (_sync) _rules.Clear();
    }

    /// <summary>The first rule still active for this request, used up by one; null when none applies.</summary>
    internal FaultRule? Take(string method, string path, string query = "")
    {
        lock (_sync)
        {
            var hit = _rules.FirstOrDefault(r => r.Remaining > 0
                && (r.Rule.Method == null || string.Equals(r.Rule.Method, method, System.StringComparison.OrdinalIgnoreCase))
                && r.Path.IsMatch(path)
                && (r.Query == null || r.Query.IsMatch(query)));
            if (hit == null) return null;
            hit.Remaining--;
            return hit.Rule;
        }
    }
}
