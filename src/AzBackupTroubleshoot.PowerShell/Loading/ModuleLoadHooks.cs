using System.Management.Automation;

namespace AzBackupTroubleshoot.PowerShell.Loading
{
    /// <summary>
    /// Runs when PowerShell imports / removes the cmdlet assembly: installs the resolver that finds the engine in
    /// Dependencies/ before any cmdlet touches an engine type. Nothing here may name an engine type.
    /// </summary>
    public sealed class ModuleLoadHooks : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        public void OnImport()
        {
#if NET
            EngineLoadContext.Register();
#else
            DesktopDependencyResolver.Register();
#endif
        }

        public void OnRemove(PSModuleInfo module)
        {
#if NET
            EngineLoadContext.Unregister();
#else
            DesktopDependencyResolver.Unregister();
#endif
        }
    }
}
