using System.CommandLine;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>azbt checks: lists the readiness checks with their ids, severity and the error codes they predict. Reads nothing from Azure.</summary>
    public sealed class ChecksCommand : Command
    {
        private readonly Option<string> _output = OptionKit.Output();

        public ChecksCommand(CliConsole console) : base("checks", "list the readiness checks: id, severity, title, error codes")
        {
            Add(_output);
            SetAction(parse =>
            {
                var stdout = console.Out;
                if (parse.GetValue(_output) == "json")
                {
                    stdout.WriteLine(JsonSerializer.Serialize(CheckCatalog.All.Select(c => new { id = c.Id, title = c.Title, severity = c.Severity, codes = c.ErrorCodes, repairCommand = c.RepairCommand, docPage = c.DocPage }), JsonOutput.Options));
                    return ExitCodes.Success;
                }
                foreach (var c in CheckCatalog.All)
                    stdout.WriteLine($"{c.Id,-34} {c.Severity,-8} {c.Title}  [{string.Join(", ", c.ErrorCodes)}]");
                return ExitCodes.Success;
            });
        }
    }
}
