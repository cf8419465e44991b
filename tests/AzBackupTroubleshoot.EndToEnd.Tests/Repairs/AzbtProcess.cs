using System.Diagnostics;
using System.Text;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>azbt as a real child process (dotnet azbt.dll ...), its output collected as it comes, for the kill and two-machine tests.</summary>
internal sealed class AzbtProcess : IDisposable
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _err = new();

    private AzbtProcess(Process process) => Process = process;

    public Process Process { get; }

    public string Out { get { lock (_out) return _out.ToString(); } }
    public string Err { get { lock (_err) return _err.ToString(); } }

    /// <summary>Starts azbt with these arguments; <paramref name="environment"/> sets (or, with null, removes) variables of the child only.</summary>
    public static AzbtProcess Start(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "azbt.dll");
        Assert.True(File.Exists(cli), "the CLI is built next to the tests: " + cli);
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        start.ArgumentList.Add(cli);
        foreach (var a in args) start.ArgumentList.Add(a);
        // The child's journal directory and token come only from what the test says.
        start.Environment.Remove("AZBT_JOURNAL_DIR");
        start.Environment.Remove("AZBT_ACCESS_TOKEN");
        foreach (var (name, value) in environment ?? new Dictionary<string, string?>())
            if (value == null) start.Environment.Remove(name); else start.Environment[name] = value;
        var child = new AzbtProcess(Process.Start(start)!);
        child.Process.OutputDataReceived += (_, e) => { if (e.Data != null) lock (child._out) child._out.Append(e.Data).Append('\n'); };
        child.Process.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (child._err) child._err.Append(e.Data).Append('\n'); };
        child.Process.BeginOutputReadLine();
        child.Process.BeginErrorReadLine();
        return child;
    }

    /// <summary>Waits for the child to end (killing it after <paramref name="timeout"/>) and gives its exit code.</summary>
    public async Task<int> WaitAsync(TimeSpan? timeout = null)
    {
        try
        {
            await Process.WaitForExitAsync().WaitAsync(timeout ?? TimeSpan.FromSeconds(120));
        }
        catch (TimeoutException)
        {
            Process.Kill(entireProcessTree: true);
            throw new Xunit.Sdk.XunitException($"azbt did not end in time.\nstdout:\n{Out}\nstderr:\n{Err}");
        }
        Process.WaitForExit(); // the output handlers have seen everything after this
        return Process.ExitCode;
    }

    public static async Task<(int Exit, string Out, string Err)> RunAsync(IEnumerable<string> args, IDictionary<string, string?>? environment = null)
    {
        using var child = Start(args, environment);
        var exit = await child.WaitAsync();
        return (exit, child.Out, child.Err);
    }

    public void Dispose()
    {
        if (!Process.HasExited) Process.Kill(entireProcessTree: true);
        Process.Dispose();
    }
}
