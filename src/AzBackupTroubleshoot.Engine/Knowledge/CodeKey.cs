using System.Text;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>
    /// The form codes are compared in: upper case, without spaces, colons or dashes, so that
    /// "ID: 34513", "id 34513" and "ID34513" are one code.
    /// </summary>
    internal static class CodeKey
    {
        public static string Of(string code)
        {
            var key = new StringBuilder(code.Length);
            foreach (var c in code.Trim())
            {
                if (char.IsWhiteSpace(c) || c == ':' || c == '-') continue;
                key.Append(char.ToUpperInvariant(c));
            }
            return key.ToString();
        }
    }
}
