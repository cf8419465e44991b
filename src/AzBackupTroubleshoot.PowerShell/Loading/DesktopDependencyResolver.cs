#if !NET
using System;
using System.Reflection;

namespace AzBackupTroubleshoot.PowerShell.Loading
{
    /// <summary>
    /// Windows PowerShell 5.1: .NET Framework has no load contexts, so the engine and its closure are found through
    /// AppDomain.AssemblyResolve from bin/Desktop/Dependencies. Residual risk: an assembly already loaded by another
    /// module under the same name and version wins (see docs/module.md).
    /// </summary>
    public static class DesktopDependencyResolver
    {
        private static readonly Lazy<DependencyFolder> Dependencies = new Lazy<DependencyFolder>(DependencyFolder.BesideModule);

        public static void Register()
        {
            AppDomain.CurrentDomain.AssemblyResolve -= Resolve; // importing twice must not stack handlers
            AppDomain.CurrentDomain.AssemblyResolve += Resolve;
        }

        public static void Unregister() => AppDomain.CurrentDomain.AssemblyResolve -= Resolve;

        private static Assembly? Resolve(object sender, ResolveEventArgs args)
        {
            var path = Dependencies.Value.FileFor(new AssemblyName(args.Name));
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
#endif
