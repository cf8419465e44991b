using System.Diagnostics;
using System.Text.RegularExpressions;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Runs the built azbt as its own process under a pseudo-terminal (util-linux `script`), the way a user at a terminal
/// runs it, with the terminal's size fixed. What the terminal showed comes back; redirections in the shell command
/// send stdout or stderr elsewhere, so a test can see either stream alone.
/// </summary>
public static partial class Pty
{
    /// <param name="azbtArgs">azbt's arguments, shell-quoted here.</param>
    /// <param name="redirect">Shell redirections after the command, e.g. "2>/tmp/x" (stdout alone on the terminal).</param>
    /// <param name="environment">Variables set for azbt only, e.g. NO_COLOR=1.</param>
    public static async Task<(int Exit, string Terminal)> RunAzbt(string[] azbtArgs, string redirect = "", string environment = "", int columns = 120)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "azbt.dll");
        Assert.True(File.Exists(cli), "the CLI is built next to the tests: " + cli);
        var command = $"stty cols {columns} rows 50; cd {Quote(RepoPaths.Root)}; {environment} dotnet {Quote(cli)} {string.Join(" ", azbtArgs.Select(Quote))} {redirect}";
        var start = new ProcessStartInfo("script") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-qfec", command, "/dev/null" }) start.ArgumentList.Add(a);
        start.Environment.Remove("NO_COLOR"); // the test decides
        start.Environment["TERM"] = "xterm-256color";
        using var process = Process.Start(start)!;
        process.StandardInput.Close();
        try
        {
            var output = process.StandardOutput.ReadToEndAsync();
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
            return (process.ExitCode, (await output).Replace("\r\n", "\n"));
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>A temporary file a redirection can write to; read it with <see cref="File.ReadAllText(string)"/>.</summary>
    public static string TempFile() => Path.Combine(Path.GetTempPath(), $"azbt-pty-{Guid.NewGuid():N}.txt");

    /// <summary>Select Graphic Rendition sequences: colour, bold, dim (not cursor movement).</summary>
    public static bool HasColour(string text) => Sgr().IsMatch(text);

    /// <summary>Any escape sequence at all.</summary>
    public static bool HasEscape(string text) => text.Contains('\u001b');

    /// <summary>The text with every escape sequence removed.</summary>
    public static string Plain(string text) => Escape().Replace(text, "");

    private static string Quote(string arg) => "'" + arg.Replace("'", "'\\''") + "'";

    [GeneratedRegex("\u001b\\[[0-9;]*m")]
    private static partial Regex Sgr();

    [GeneratedRegex("\u001b(\\[[0-9;?]*[A-Za-z]|[=>])")]
    private static partial Regex Escape();
}
