using System;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Emulator.State;

/// <summary>
/// Scenario files may write a timestamp as "@now", "@now-26h", "@now-3d" or "@now-1d-30m" so that "recent" stays
/// recent whenever the scenario is loaded. Such strings become ISO 8601 UTC times at load.
/// </summary>
internal static class RelativeTime
{
    private static readonly Regex Token = new(@"^@now(?<parts>([+-]\d+[smhd])*)$", RegexOptions.CultureInvariant);
    private static readonly Regex Part = new(@"(?<sign>[+-])(?<n>\d+)(?<unit>[smhd])", RegexOptions.CultureInvariant);

    public static void Resolve(JsonNode? node, DateTimeOffset now)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var key in obj.Select(p => p.Key).ToList())
                {
                    if (TryResolve(obj[key], now) is string time) obj[key] = time;
                    else Resolve(obj[key], now);
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (TryResolve(array[i], now) is string time) array[i] = time;
                    else Resolve(array[i], now);
                }
                break;
        }
    }

    public static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static string? TryResolve(JsonNode? node, DateTimeOffset now)
    {
        if (node is not JsonValue value || !value.TryGetValue<string>(out var text)) return null;
        var match = Token.Match(text);
        if (!match.Success) return null;
        var time = now;
        foreach (Match part in Part.Matches(match.Groups["parts"].Value))
        {
            var amount = int.Parse(part.Groups["n"].Value, CultureInfo.InvariantCulture) * (part.Groups["sign"].Value == "-" ? -1 : 1);
            time = part.Groups["unit"].Value switch
            {
                "s" => time.AddSeconds(amount),
                "m" => time.AddMinutes(amount),
                "h" => time.AddHours(amount),
                _ => time.AddDays(amount),
            };
        }
        return Format(time);
    }
}
