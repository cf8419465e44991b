namespace AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

/// <summary>Finds files of the repository from the test's output folder.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string DemoScenario => Path.Combine(Root, "scenarios", "demo.json");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln"))) return dir.FullName;
        throw new InvalidOperationException("Could not find the repository root (AzBackupTroubleshoot.sln) above " + AppContext.BaseDirectory);
    }
}
