using System.Reflection;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>Where the built module and the packages the tests need are on disk.</summary>
internal static class ModuleFolder
{
    public const string ModuleName = "AzBackupTroubleshoot";

    /// <summary>out/AzBackupTroubleshoot at the repository root (the folder holding AzBackupTroubleshoot.sln).</summary>
    public static string Root { get; } = Path.Combine(RepoRoot(), "out", ModuleName);

    public static string Edition(string edition) => Path.Combine(Root, "bin", edition);

    public static string Dependencies(string edition) => Path.Combine(Edition(edition), "Dependencies");

    public static string ModuleAssembly(string edition) => Path.Combine(Edition(edition), ModuleName + ".dll");

    public static string NuGetPackage(string id, string version)
    {
        var root = typeof(ModuleFolder).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "NuGetPackageRoot").Value!;
        var folder = Path.Combine(root, id.ToLowerInvariant(), version);
        Assert.True(Directory.Exists(folder), $"Package {id} {version} is not in the NuGet cache at {folder}; run dotnet restore.");
        return folder;
    }

    public static string PowerShellReferenceAssembly()
        => Path.Combine(NuGetPackage("PowerShellStandard.Library", "5.1.0-preview-06"), "lib", "netstandard2.0", "System.Management.Automation.dll");

    private static string RepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "AzBackupTroubleshoot.sln"))) return dir.FullName;
        throw new InvalidOperationException("AzBackupTroubleshoot.sln not found above " + AppContext.BaseDirectory);
    }
}
