using System;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.Compliance
{
    /// <summary>PowerShell-like wildcards (* and ?), case-insensitive, matching the whole text.</summary>
    internal static class Wildcard
    {
        public static bool Matches(string pattern, string text)
        {
            if (pattern == "*") return true;
            var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*").Replace("\\?", ".") + "$";
            return Regex.IsMatch(text ?? "", regex, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);
        }
    }
}
