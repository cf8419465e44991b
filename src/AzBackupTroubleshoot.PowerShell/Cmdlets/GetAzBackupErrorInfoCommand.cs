using System.Globalization;
using System.Linq;
using System.Management.Automation;
using AzBackupTroubleshoot.Knowledge;
using AzBackupTroubleshoot.PowerShell.Errors;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.PowerShell.Parameters;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// Get-AzBackupErrorInfo: explains an Azure Backup error (cause and fix), looked up by its code or recognised from
    /// its text in English, Italian or Portuguese. Works offline from the knowledge base in the engine; needs no sign-in.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "AzBackupErrorInfo", DefaultParameterSetName = ByCode)]
    [OutputType(typeof(BackupErrorInfo), ParameterSetName = new[] { ByCode })]
    [OutputType(typeof(BackupErrorMatch), ParameterSetName = new[] { ByMessage })]
    public sealed class GetAzBackupErrorInfoCommand : PSCmdlet
    {
        private const string ByCode = "ByCode";
        private const string ByMessage = "ByMessage";

        /// <summary>Codes, aliases or numeric codes. Binds piped strings, and piped objects by their Code property.</summary>
        [Parameter(ParameterSetName = ByCode, Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ArgumentCompleter(typeof(ErrorCodeCompleter))]
        public string[] Code { get; set; } = new string[0];

        /// <summary>An error text as pasted from a job, the portal or a log.</summary>
        [Parameter(ParameterSetName = ByMessage, Mandatory = true)]
        public string Message { get; set; } = "";

        /// <summary>At most this many candidates.</summary>
        [Parameter(ParameterSetName = ByMessage)]
        [ValidateRange(1, 20)]
        public int Top { get; set; } = 3;

        /// <summary>Also write candidates below the confidence threshold.</summary>
        [Parameter(ParameterSetName = ByMessage)]
        public SwitchParameter IncludeWeakMatches { get; set; }

        /// <summary>The language of the texts; the current UI culture by default.</summary>
        [Parameter]
        [ArgumentCompleter(typeof(KnowledgeCultureCompleter))]
        public CultureInfo Culture { get; set; } = CultureInfo.CurrentUICulture;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == ByMessage)
                WriteMatches();
            else
                WriteEntries();
        }

        private void WriteEntries()
        {
            foreach (var code in Code)
            {
                var entry = KnowledgeBase.Default.FindByCode(code);
                if (entry == null)
                    WriteError(ErrorRecords.ForUnknownErrorCode(code));
                else
                    WriteObject(new BackupErrorInfo(entry, Culture));
            }
        }

        private void WriteMatches()
        {
            var matches = KnowledgeBase.Default.Match(Message, Top);
            if (!matches.Any(m => m.IsConfident))
                WriteWarning(matches.Count == 0
                    ? "The text matches no known Azure Backup error."
                    : $"No confident match: the closest known error is {matches[0].Entry.Code} with a score of {matches[0].Score:0.00}. " +
                      (IncludeWeakMatches ? "Weak matches follow; read them with care." : "Add -IncludeWeakMatches to see the weak candidates."));
            foreach (var match in matches.Where(m => IncludeWeakMatches || m.IsConfident))
                WriteObject(new BackupErrorMatch(match, Culture));
        }
    }
}
