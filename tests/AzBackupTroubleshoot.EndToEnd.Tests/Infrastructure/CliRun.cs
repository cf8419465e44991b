using AzBackupTroubleshoot.Cli;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>Runs azbt in-process, capturing what it prints, for the CLI tests.</summary>
public static class CliRun
{
    public static async Task<(int Exit, string Out, string Err)> Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Program.RunAsync(args, stdout, stderr, CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
