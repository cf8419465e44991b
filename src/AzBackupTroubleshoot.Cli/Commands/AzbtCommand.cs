using System.CommandLine;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// The command tree of azbt. One class (and file) per command; options shared between commands live in Options/
    /// (connection, scope, --output, --lang). A new command: a class deriving from Command, added here.
    /// </summary>
    public static class AzbtCommand
    {
        public static RootCommand Create(CliConsole console) => new RootCommand("azbt: why will this Azure VM backup fail, and what can be repaired safely.")
        {
            new ReadinessCommand(console),
            new CollectCommand(console),
            new RestoreReadinessCommand(console),
            new ChecksCommand(console),
            new FailuresCommand(console),
            new ExplainCommand(console),
            new ReportCommand(console),
            new Command("repair", "safe repairs: restore point collections, the backup extension; resume puts back locks an interrupted repair left lifted")
            {
                new RepairRestorePointsCommand(console),
                new RepairExtensionCommand(console),
                new RepairResumeCommand(console),
            },
            new Command("backup", "on-demand backups") { new BackupStartCommand(console) },
            new Command("job", "backup jobs") { new JobCancelCommand(console) },
            new EmulatorCommand(console),
        };
    }
}
