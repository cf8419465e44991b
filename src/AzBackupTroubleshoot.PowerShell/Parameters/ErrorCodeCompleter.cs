using System.Collections;
using System.Collections.Generic;
using System.Management.Automation;
using System.Management.Automation.Language;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.PowerShell.Parameters
{
    /// <summary>Tab completion of Azure Backup error codes (for Get-AzBackupErrorInfo -Code) from the knowledge base.</summary>
    public sealed class ErrorCodeCompleter : IArgumentCompleter
    {
        public IEnumerable<CompletionResult> CompleteArgument(
            string commandName, string parameterName, string wordToComplete, CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var typed = (wordToComplete ?? "").Trim('\'', '"');
            var pattern = new WildcardPattern(typed + "*", WildcardOptions.IgnoreCase);
            foreach (var code in KnowledgeBase.Default.Codes)
            {
                if (pattern.IsMatch(code))
                    yield return new CompletionResult(code, code, CompletionResultType.ParameterValue, KnowledgeBase.Default.FindByCode(code)?.Title.En ?? code);
            }
        }
    }
}
