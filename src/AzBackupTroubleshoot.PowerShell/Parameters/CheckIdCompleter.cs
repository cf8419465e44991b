using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
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
}
