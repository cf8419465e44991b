using System.Collections;
using System.Reflection;
using System.Runtime.Loader;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>
/// The reason for the bridge: with another Azure.Core already in PowerShell's context (Az.Accounts brings its own),
/// the engine still gets the Azure.Core it was built with. Done for real: the built bin/Core assembly is loaded into
/// this process's default context, as PowerShell 7 loads it, and the engine is reached through its resolver.
/// Runs alone because it changes process-wide loading state.
/// </summary>
[Collection(nameof(EngineIsolationTests))]
[CollectionDefinition(nameof(EngineIsolationTests), DisableParallelization = true)]
public class EngineIsolationTests
{
    private const string ContextTypeName = "AzBackupTroubleshoot.PowerShell.Loading.EngineLoadContext";

    [Fact]
    public void The_engine_runs_on_its_own_Azure_Core_beside_an_older_one_in_the_default_context()
    {
        // Stand-in for Az.Accounts: an older Azure.Core, loaded first into the default context.
        var otherAzureCore = AssemblyLoadContext.Default.LoadFromAssemblyPath(
            Path.Combine(ModuleFolder.NuGetPackage("Azure.Core", "1.36.0"), "lib", "net6.0", "Azure.Core.dll"));
        Assert.Equal(new Version(1, 36, 0, 0), otherAzureCore.GetName().Version);

        var module = AssemblyLoadContext.Default.LoadFromAssemblyPath(ModuleFolder.ModuleAssembly("Core"));
        var contextType = module.GetType(ContextTypeName, throwOnError: true)!;
        contextType.GetMethod("Register")!.Invoke(null, null);
        try
        {
            // What the runtime does when a cmdlet first touches an engine type: ask the default context for the engine.
            var engine = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("AzBackupTroubleshoot.Engine"));

            var engineContext = AssemblyLoadContext.GetLoadContext(engine)!;
            Assert.Equal(ContextTypeName, engineContext.GetType().FullName);
            Assert.Same(contextType.GetProperty("Instance")!.GetValue(null), engineContext);
            Assert.Equal(Path.GetFullPath(ModuleFolder.Dependencies("Core")), Path.GetDirectoryName(engine.Location));

            ExerciseEngine(engine);

            var engineAzureCore = Assert.Single(engineContext.Assemblies, a => a.GetName().Name == "Azure.Core");
            Assert.Equal(1, engineAzureCore.GetName().Version!.Major);
            Assert.Equal(53, engineAzureCore.GetName().Version!.Minor);
            Assert.Equal(Path.GetFullPath(ModuleFolder.Dependencies("Core")), Path.GetDirectoryName(engineAzureCore.Location));

            var defaultAzureCore = Assert.Single(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Azure.Core");
            Assert.Same(otherAzureCore, defaultAzureCore);
            Assert.DoesNotContain(AssemblyLoadContext.Default.Assemblies, a => a.GetName().Name == "Azure.Identity");
        }
        finally
        {
            contextType.GetMethod("Unregister")!.Invoke(null, null);
        }
    }

    [Fact]
    public void The_resolver_answers_for_the_engine_only()
    {
        var module = AssemblyLoadContext.Default.LoadFromAssemblyPath(ModuleFolder.ModuleAssembly("Core"));
        var resolve = module.GetType(ContextTypeName, throwOnError: true)!.GetMethod("ResolveEngine")!;
        // Azure.Core is in Dependencies, yet the default context must not get the module's copy: that would be the clash.
        Assert.Null(resolve.Invoke(null, new object[] { AssemblyLoadContext.Default, new AssemblyName("Azure.Core") }));
        Assert.Null(resolve.Invoke(null, new object[] { AssemblyLoadContext.Default, new AssemblyName("Not.A.Module.Assembly") }));
        Assert.NotNull(resolve.Invoke(null, new object[] { AssemblyLoadContext.Default, new AssemblyName("AzBackupTroubleshoot.Engine") }));
    }

    /// <summary>Uses the engine the way a cmdlet does: reads the check catalog and builds a connection (no request is sent).</summary>
    private static void ExerciseEngine(Assembly engine)
    {
        var checks = ((IEnumerable)engine.GetType("AzBackupTroubleshoot.Checks.CheckCatalog", true)!.GetProperty("All")!.GetValue(null)!).Cast<object>().ToList();
        Assert.NotEmpty(checks);
        Assert.All(checks, c => Assert.False(string.IsNullOrEmpty((string?)c.GetType().GetProperty("Id")!.GetValue(c))));

        var optionsType = engine.GetType("AzBackupTroubleshoot.Connection.ArmConnectionOptions", true)!;
        var options = Activator.CreateInstance(optionsType)!;
        optionsType.GetProperty("Endpoint")!.SetValue(options, new Uri("https://127.0.0.1:9/"));
        optionsType.GetProperty("Credential")!.SetValue(options, Enum.Parse(engine.GetType("AzBackupTroubleshoot.Connection.CredentialKind", true)!, "AccessToken"));
        optionsType.GetProperty("AccessToken")!.SetValue(options, "not-a-real-token");
        var connection = engine.GetType("AzBackupTroubleshoot.Connection.ArmConnection", true)!.GetMethod("Create")!.Invoke(null, new[] { options })!;
        var client = connection.GetType().GetProperty("Client")!.GetValue(connection)!;
        Assert.Equal("Azure.ResourceManager.ArmClient", client.GetType().FullName);
        Assert.Same(AssemblyLoadContext.GetLoadContext(engine), AssemblyLoadContext.GetLoadContext(client.GetType().Assembly));

        // The scan's stream type must be the framework's IAsyncEnumerable, the one the cmdlets consume, not a private copy.
        var scan = engine.GetType("AzBackupTroubleshoot.ReadinessScanner", true)!.GetMethod("ScanAsync")!;
        Assert.Same(typeof(IAsyncEnumerable<>), scan.ReturnType.GetGenericTypeDefinition());
    }
}
