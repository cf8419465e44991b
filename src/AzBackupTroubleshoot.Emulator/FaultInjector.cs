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
        public Regex? Body;
        public int Remaining;
    }

    private readonly List<ActiveRule> _rules = new();
    private readonly object _sync = new();

    /// <summary>Arms a rule. A rule the emulator cannot apply throws <see cref="InvalidScenarioException"/> (see <see cref="Validate"/>).</summary>
    public void Add(FaultRule rule)
    {
        var (path, query, body) = Validate(rule, "fault");
        var active = new ActiveRule { Rule = rule, Path = path, Query = query, Body = body, Remaining = rule.Times };
        lock (_sync) _rules.Add(active);
    }

    /// <summary>
    /// Checks a rule before it is armed: its path, query and body patterns are regular expressions, its status is 0 (delay
    /// only) or an HTTP status, and its counts are not negative. <paramref name="where"/> names it in the message.
    /// </summary>
    public static (Regex Path, Regex? Query, Regex? Body) Validate(FaultRule rule, string where)
    {
        if (rule.Effect == FaultEffect.Answer && rule.Status != 0 && (rule.Status < 100 || rule.Status > 599))
            throw new InvalidScenarioException($"{where}.status: {rule.Status} is not an HTTP status (100-599, or 0 to only delay).");
        if (rule.Times < 1) throw new InvalidScenarioException($"{where}.times: {rule.Times}; a fault applies 1 or more times.");
        if (rule.Delay is { } delay && delay < System.TimeSpan.Zero) throw new InvalidScenarioException($"{where}.delayMs: a delay cannot be negative.");
        if (rule.RetryAfterSeconds is < 0) throw new InvalidScenarioException($"{where}.retryAfterSeconds: it cannot be negative.");
        return (Pattern(rule.PathPattern, where + ".path"), rule.QueryPattern == null ? null : Pattern(rule.QueryPattern, where + ".query"),
            rule.BodyPattern == null ? null : Pattern(rule.BodyPattern, where + ".body"));
    }

    private static Regex Pattern(string? pattern, string where)
    {
        if (pattern == null) throw new InvalidScenarioException($"{where}: a pattern is required.");
        try
        {
            return new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, System.TimeSpan.FromSeconds(1));
        }
        catch (System.ArgumentException ex)
        {
            throw new InvalidScenarioException($"{where}: '{pattern}' is not a valid regular expression ({InvalidScenarioException.OneLine(ex.Message)})", ex);
        }
    }

    public void Clear()
    {
        lock (_sync) _rules.Clear();
    }

    /// <summary>The first rule still active for this request, used up by one; null when none applies.</summary>
    /// <param name="body">The request body where the endpoint reads it before faults apply (Resource Graph); else null.</param>
    internal FaultRule? Take(string method, string path, string query = "", string? body = null)
    {
        lock (_sync)
        {
            var hit = _rules.FirstOrDefault(r => r.Remaining > 0
                && (r.Rule.Method == null || string.Equals(r.Rule.Method, method, System.StringComparison.OrdinalIgnoreCase))
                && r.Path.IsMatch(path)
                && (r.Query == null || r.Query.IsMatch(query))
                && (r.Body == null || (body != null && r.Body.IsMatch(body))));
            if (hit == null) return null;
            hit.Remaining--;
            return hit.Rule;
        }
    }
}
