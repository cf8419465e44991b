using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.PowerShell.Loading
{
    /// <summary>
    /// The module's Dependencies/ folder (next to the cmdlet assembly): the engine and its whole NuGet closure.
    /// Knows which file stands for an assembly name. Free of PowerShell types so tests can drive it without PowerShell.
    /// </summary>
    internal sealed class DependencyFolder
    {
        public DependencyFolder(string path) => Path = path;

        /// <summary>bin/&lt;edition&gt;/Dependencies beside this assembly.</summary>
        public static DependencyFolder BesideModule()
            => new DependencyFolder(System.IO.Path.Combine(
                System.IO.Path.GetDirectoryName(typeof(DependencyFolder).Assembly.Location)!, "Dependencies"));

        public string Path { get; }

        /// <summary>The file for <paramref name="name"/>, or null when the module does not carry it.</summary>
        public string? FileFor(AssemblyName name)
        {
            if (string.IsNullOrEmpty(name.Name)) return null;
            var fileName = name.Name + ".dll";
            // Some packages (ProtectedData, for one) ship a stub in lib/ and the working code under runtimes/win/.
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
            {
                var windowsOnly = System.IO.Path.Combine(Path, "runtimes", "win", "lib");
                if (Directory.Exists(windowsOnly))
                {
                    var match = Directory.EnumerateFiles(windowsOnly, fileName, SearchOption.AllDirectories).FirstOrDefault();
                    if (match != null) return match;
                }
            }
            var plain = System.IO.Path.Combine(Path, fileName);
            return File.Exists(plain) ? plain : null;
        }
    }
}
