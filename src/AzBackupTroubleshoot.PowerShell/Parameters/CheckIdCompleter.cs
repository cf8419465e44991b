using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.PowerShell.Parameters
{
    /// <summary>Tab completion of check ids (for -Check / -ExcludeCheck) from the engine's catalog.</summary>
    public sealed class CheckIdCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
            foreach (var check in CheckCatalog.All)
            {
                if (pattern.IsMatch(check.Id))
                    yield return new CompletionResult(check.Id, check.Id, CompletionResultType.ParameterValue, check.Title);
            }
        }
    }

    /// <summary>Tab completion of check tags (for -Tag) from the engine's catalog.</summary>
    public sealed class CheckTagCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var pattern = new WildcardPattern((wordToComplete ?? "").Trim('\'', '"') + "*", WildcardOptions.IgnoreCase);
            foreach (var tag in CheckCatalog.All.SelectMany(c => c.Tags).Distinct().OrderBy(t => t))
            {
                if (pattern.IsMatch(tag))
                    yield return new CompletionResult(tag, tag, CompletionResultType.ParameterValue, tag);
            }
        }
    }
}
