using System.CommandLine;
using System.Globalization;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Cli.Options
{
    /// <summary>
    /// --lang en|it|pt, shared by every command that prints explanations or check results. Without it the CLI speaks
    /// English, so scripted output does not change with the machine's locale (the PowerShell module follows the UI culture).
    /// A culture of one of them (it-IT, pt-BR) works too.
    /// </summary>
    public static class LanguageOption
    {
        public static Option<KnowledgeLanguage> Create()
        {
            var option = new Option<KnowledgeLanguage>("--lang")
            {
                Description = "language of titles, messages and fixes (default en; it-IT, pt-BR work too)",
                HelpName = "en|it|pt",
                // No default value factory: not given is En (the enum's zero), and help does not print "[default: En]".
                CustomParser = result =>
                {
                    var value = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                    if (TryParse(value, out var language)) return language;
                    result.AddError($"--lang must be en, it or pt, not '{OptionKit.Shown(value)}'.");
                    return KnowledgeLanguage.En;
                },
            };
            option.CompletionSources.Clear(); // not the enum's names (En, It, Pt): the words users type
            option.CompletionSources.Add("en", "it", "pt");
            return option;
        }

        /// <summary>The culture the engine renders texts for.</summary>
        public static CultureInfo Culture(KnowledgeLanguage language) => new CultureInfo(language.Key());

        private static bool TryParse(string value, out KnowledgeLanguage language)
        {
            language = KnowledgeLanguage.En;
            if (string.IsNullOrWhiteSpace(value)) return false;
            try
            {
                var culture = new CultureInfo(value);
                if (culture.TwoLetterISOLanguageName is not ("en" or "it" or "pt")) return false;
                language = KnowledgeLanguages.FromCulture(culture);
                return true;
            }
            catch (CultureNotFoundException)
            {
                return false;
            }
        }
    }
}
