using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;

namespace AzBackupTroubleshoot.PowerShell.Parameters
{
    /// <summary>Tab completion of -Culture with the cultures the knowledge base has texts for (others fall back to English).</summary>
    public sealed class KnowledgeCultureCompleter : IArgumentCompleter
    {
        private static readonly string[] Cultures = { "en-US", "it-IT", "pt-BR" };

        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            foreach (var culture in Cultures)
            {
                if (pattern.IsMatch(culture))
                    yield return new CompletionResult(culture, culture, CompletionResultType.ParameterValue, culture);
            }
        }
    }
}
