using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Reports;

/// <summary>
/// Where the report tests find the schemas and the browser they check output with. tests/tools/install-report-test-tools.sh
/// (run by tests/run.sh) installs them; a missing tool fails the test with that hint rather than skipping it.
/// </summary>
public static class TestTools
{
    public static string SarifSchema => Require(Path.Combine(RepoPaths.Root, "out", "test-tools", "sarif-schema-2.1.0.json"));

    /// <summary>Pester 5.9.1's copy of the JUnit 4 schema, from the NuGet packages folder the Pester step restores into.</summary>
    public static string JUnitSchema
    {
        get
        {
            var roots = new[]
            {
                Environment.GetEnvironmentVariable("NUGET_PACKAGES"),
                Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages"),
            };
            foreach (var root in roots.Where(r => !string.IsNullOrEmpty(r)))
            {
                var path = Path.Combine(root!, "pester", "5.9.1", "tools", "schemas", "JUnit4", "junit_schema_4.xsd");
                if (File.Exists(path)) return path;
            }
            throw new InvalidOperationException("Pester 5.9.1's JUnit schema was not found in the NuGet packages folder: run tests/run.sh (it restores Pester) first.");
        }
    }

    public static string Chromium
    {
        get
        {
            foreach (var candidate in new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" })
                if (File.Exists(candidate)) return candidate;
            throw new InvalidOperationException("chromium was not found: run tests/tools/install-report-test-tools.sh (Debian's chromium package).");
        }
    }

    private static string Require(string path) =>
        File.Exists(path) ? path : throw new InvalidOperationException($"{path} is missing: run tests/tools/install-report-test-tools.sh first.");
}
