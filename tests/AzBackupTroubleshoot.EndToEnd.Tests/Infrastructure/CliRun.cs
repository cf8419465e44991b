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

    /// <summary>The same, with <paramref name="stdin"/> as standard input (e.g. for --access-token-file -).</summary>
    public static async Task<(int Exit, string Out, string Err)> RunWithInput(string stdin, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var exit = await Program.RunAsync(args, new CliConsole(new StringReader(stdin), stdout, stderr), CancellationToken.None);
        return (exit, stdout.ToString(), stderr.ToString());
    }
}
