using System.Globalization;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>
    /// --lang en|it|pt, shared by every command that prints explanations or check results. Without it the CLI speaks
    /// English, so scripted output does not change with the machine's locale (the PowerShell module follows the UI culture).
    /// </summary>
    public static class LanguageOption
    {
        public const string Name = "lang";

        /// <summary>--lang: en, it or pt, or a culture of one of them (it-IT, pt-BR); anything else is a usage error.</summary>
        public static KnowledgeLanguage Language(CliArguments args)
        {
            var value = args.One(Name) ?? "en";
            try
            {
                var culture = new CultureInfo(value);
                if (culture.TwoLetterISOLanguageName is "en" or "it" or "pt") return KnowledgeLanguages.FromCulture(culture);
            }
            catch (CultureNotFoundException)
            {
            }
            throw new UsageException($"--lang must be en, it or pt, not '{value}'.");
        }

        /// <summary>The culture the engine renders texts for, from --lang.</summary>
        public static CultureInfo Culture(CliArguments args) => new CultureInfo(Language(args).Key());
    }
}
