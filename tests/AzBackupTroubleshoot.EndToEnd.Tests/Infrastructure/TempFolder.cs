namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>
/// A folder of one test class's own for the scenario, inventory and result files it writes, removed when the class is
/// disposed. The one fixture for temporary files: a test class holds one (<c>private readonly TempFolder _temp = new("azbt-x-")</c>)
/// and disposes it.
/// </summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder(string prefix = "azbt-test-") => Path = Directory.CreateTempSubdirectory(prefix).FullName;

    public string Path { get; }

    /// <summary>The full path of <paramref name="name"/> in the folder (nothing is written).</summary>
    public string Combine(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Writes <paramref name="text"/> to <paramref name="name"/> and returns its full path.</summary>
    public string File(string name, string text)
    {
        var path = Combine(name);
        System.IO.File.WriteAllText(path, text);
        return path;
    }

    /// <summary>Writes a built scenario and returns its path.</summary>
    public string Scenario(ScenarioBuilder builder, string name = "scenario.json") => File(name, builder.ToJson());

    public void Dispose()
    {
        // A child process (an emulator, a killed repair) may still hold a file for a moment; a leftover temp folder is harmless.
        try { Directory.Delete(Path, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
