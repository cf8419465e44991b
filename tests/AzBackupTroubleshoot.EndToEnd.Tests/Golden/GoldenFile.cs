using System.Text;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Golden;

/// <summary>
/// Compares a test's output with a file committed next to the test, byte for byte. Set AZBT_UPDATE_GOLDEN=1 to
/// rewrite the file instead (then review the diff and commit it, saying in the message why the output changed).
/// </summary>
public static class GoldenFile
{
    public const string UpdateVariable = "AZBT_UPDATE_GOLDEN";

    public static bool Updating => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <param name="path">The golden file, relative to the repository root.</param>
    public static void AssertMatches(string path, string actual)
    {
        var full = Path.Combine(Infrastructure.RepoPaths.Root, path);
        var bytes = new UTF8Encoding(false).GetBytes(actual);
        if (Updating)
        {
            File.WriteAllBytes(full, bytes);
            return;
        }
        Assert.True(File.Exists(full), $"{path} does not exist; run the test with {UpdateVariable}=1 to create it.");
        var expected = File.ReadAllBytes(full);
        if (expected.AsSpan().SequenceEqual(bytes)) return;

        var expectedLines = Encoding.UTF8.GetString(expected).Split('\n');
        var actualLines = actual.Split('\n');
        var first = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], -1);
        var where = first < 0
            ? $"lengths differ ({expectedLines.Length} lines expected, {actualLines.Length} got)"
            : $"line {first + 1}: expected `{expectedLines[first].Trim()}`, got `{actualLines[first].Trim()}`";
        Assert.Fail($"{path} differs from this run at {where}. If the change is intended, rerun with {UpdateVariable}=1 and commit the file.");
    }
}
