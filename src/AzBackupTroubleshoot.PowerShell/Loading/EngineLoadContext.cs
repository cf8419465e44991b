#if NET
using System;
using System.Reflection;
using System.Runtime.Loader;

namespace AzBackupTroubleshoot.PowerShell.Loading
{
    /// <summary>
    /// PowerShell 7: a private load context for the engine and its Azure SDK closure, so they never clash with the
    /// versions another module (Az.Accounts above all) has loaded into the default context.
    /// The cmdlet assembly stays in the default context; the default context asks <see cref="ResolveEngine"/> only for
    /// the engine, and from then on every reference the engine makes is resolved here first.
    /// Holds no PowerShell types, so tests can exercise it without PowerShell.
    /// </summary>
    public sealed class EngineLoadContext : AssemblyLoadContext
    {
        public const string EngineAssemblyName = "AzBackupTroubleshoot.Engine";

        private static readonly Lazy<EngineLoadContext> Shared =
            new Lazy<EngineLoadContext>(() => new EngineLoadContext(DependencyFolder.BesideModule()));

        private readonly DependencyFolder _dependencies;

        private EngineLoadContext(DependencyFolder dependencies) : base(nameof(EngineLoadContext))
            => _dependencies = dependencies;

        /// <summary>The one context for this module (one per process: an assembly loads once per context).</summary>
        public static EngineLoadContext Instance => Shared.Value;

        /// <summary>Hooks the default context so that the engine resolves into <see cref="Instance"/>.</summary>
        public static void Register()
        {
            Default.Resolving -= ResolveEngine; // importing twice must not stack handlers
            Default.Resolving += ResolveEngine;
        }

        public static void Unregister() => Default.Resolving -= ResolveEngine;

        /// <summary>Answers the default context for the engine only; anything else is not this module's business.</summary>
        public static Assembly? ResolveEngine(AssemblyLoadContext context, AssemblyName name)
            => string.Equals(name.Name, EngineAssemblyName, StringComparison.Ordinal)
                ? Instance.LoadFromAssemblyName(name)
                : null;

        /// <summary>What the module carries loads from Dependencies; the rest (the framework) falls back to the default context.</summary>
        protected override Assembly? Load(AssemblyName name)
        {
            var path = _dependencies.FileFor(name);
            return path == null ? null : LoadFromAssemblyPath(path);
        }
    }
}
#endif
