using System.IO;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Cli.Output;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>azbt checks: lists the readiness checks with their ids, severity and the error codes they predict.</summary>
    public static class ChecksCommand
    {
        public static int Run(CliArguments args, TextWriter stdout)
        {
            args.AllowOnly("output");
            if ((args.One("output") ?? "table") == "json")
            {
                stdout.WriteLine(JsonSerializer.Serialize(CheckCatalog.All.Select(c => new { id = c.Id, title = c.Title, severity = c.Severity, codes = c.ErrorCodes, repairCommand = c.RepairCommand, docPage = c.DocPage }), JsonOutput.Options));
                return ExitCodes.Success;
            }
            foreach (var c in CheckCatalog.All)
                stdout.WriteLine($"{c.Id,-34} {c.Severity,-8} {c.Title}  [{string.Join(", ", c.ErrorCodes)}]");
            return ExitCodes.Success;
        }
    }
}
