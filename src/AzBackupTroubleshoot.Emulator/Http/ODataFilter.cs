using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Emulator.Http;

/// <summary>
/// The small $filter grammar the Backup APIs take: "name eq 'value'" clauses joined by "and".
/// Anything else in the filter is ignored, like a service that does not support a clause would.
/// </summary>
internal sealed class ODataFilter
{
    private static readonly Regex Clause = new(@"(?<name>[A-Za-z]+)\s+eq\s+'(?<value>[^']*)'", RegexOptions.CultureInvariant);
    private readonly Dictionary<string, string> _equals = new(StringComparer.OrdinalIgnoreCase);

    public ODataFilter(string? filter)
    {
        if (string.IsNullOrWhiteSpace(filter)) return;
        foreach (Match m in Clause.Matches(filter)) _equals[m.Groups["name"].Value] = m.Groups["value"].Value;
    }

    public string? Value(string name) => _equals.TryGetValue(name, out var v) ? v : null;

    /// <summary>True when the filter has no clause for this name, or its value equals the actual one (case-insensitive).</summary>
    public bool Allows(string name, string? actual)
        => Value(name) is not string wanted || string.Equals(wanted, actual, StringComparison.OrdinalIgnoreCase);
}
