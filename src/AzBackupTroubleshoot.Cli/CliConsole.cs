using System.IO;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Where a run of azbt reads and writes: the process's console, or captured writers in the in-process tests.</summary>
    public sealed record CliConsole(TextReader In, TextWriter Out, TextWriter Error);
}
