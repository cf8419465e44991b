using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Reflection;
using System.Runtime.InteropServices;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>
/// The cmdlets of a built module assembly, read as metadata (MetadataLoadContext): nothing is executed, so neither
/// PowerShell nor the engine needs to be loadable in the test process.
/// </summary>
internal sealed class CmdletMetadata
{
    public const string AllParameterSets = "__AllParameterSets";
    private const string Sma = "System.Management.Automation.";

    private static readonly ConcurrentDictionary<string, CmdletMetadata> ByEdition = new();

    private CmdletMetadata(string edition)
    {
        var files = new[] { ModuleFolder.Edition(edition), ModuleFolder.Dependencies(edition), RuntimeEnvironment.GetRuntimeDirectory() }
            .SelectMany(d => Directory.GetFiles(d, "*.dll"))
            .Append(ModuleFolder.PowerShellReferenceAssembly());
        Context = new MetadataLoadContext(new PathAssemblyResolver(files));
        Assembly = Context.LoadFromAssemblyPath(ModuleFolder.ModuleAssembly(edition));
        Cmdlets = Assembly.GetExportedTypes().Where(t => !t.IsAbstract && Attribute(t, "CmdletAttribute") != null)
            .Select(t => new CmdletInfo(t)).ToList();
    }

    /// <summary>Metadata of bin/&lt;edition&gt;/AzBackupTroubleshoot.dll, loaded once per test run.</summary>
    public static CmdletMetadata Of(string edition) => ByEdition.GetOrAdd(edition, e => new CmdletMetadata(e));

    public MetadataLoadContext Context { get; }
    public Assembly Assembly { get; }
    public IReadOnlyList<CmdletInfo> Cmdlets { get; }

    public CmdletInfo Cmdlet(string name) => Cmdlets.Single(c => c.Name == name);

    internal static CustomAttributeData? Attribute(MemberInfo member, string shortName)
        => member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Sma + shortName);

    internal static T? Named<T>(CustomAttributeData attribute, string name)
    {
        var argument = attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name);
        return argument.MemberInfo == null ? default : (T?)argument.TypedValue.Value;
    }

    /// <summary>The values of a params-array constructor argument (Alias("a","b"), OutputType(typeof(X))).</summary>
    internal static IEnumerable<object?> ArrayArgument(CustomAttributeData attribute)
        => attribute.ConstructorArguments.SelectMany(a => a.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items
            ? items.Select(i => i.Value)
            : new[] { a.Value });
}

internal sealed class CmdletInfo
{
    // System.Management.Automation.ConfirmImpact, by value.
    private static readonly string[] ConfirmImpactNames = { "None", "Low", "Medium", "High" };

    public CmdletInfo(Type type)
    {
        Type = type;
        var cmdlet = CmdletMetadata.Attribute(type, "CmdletAttribute")!;
        Verb = (string)cmdlet.ConstructorArguments[0].Value!;
        Noun = (string)cmdlet.ConstructorArguments[1].Value!;
        SupportsShouldProcess = CmdletMetadata.Named<bool>(cmdlet, "SupportsShouldProcess");
        // An enum read as metadata is its underlying value; ConfirmImpact.Medium is what PowerShell assumes when it is not set.
        var impact = cmdlet.NamedArguments.FirstOrDefault(a => a.MemberName == "ConfirmImpact");
        ConfirmImpact = impact.MemberInfo == null ? "Medium" : ConfirmImpactNames[(int)impact.TypedValue.Value!];
        DefaultParameterSet = CmdletMetadata.Named<string>(cmdlet, "DefaultParameterSetName");
        OutputTypes = type.GetCustomAttributesData().Where(a => a.AttributeType.FullName == "System.Management.Automation.OutputTypeAttribute")
            .SelectMany(CmdletMetadata.ArrayArgument).Select(v => v as Type).Where(t => t != null).Select(t => t!).ToList();
        Parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => CmdletMetadata.Attribute(p, "ParameterAttribute") != null)
            .Select(p => new ParameterInfo(p)).ToList();
    }

    public Type Type { get; }
    public string Verb { get; }
    public string Noun { get; }
    public string Name => Verb + "-" + Noun;
    public bool SupportsShouldProcess { get; }
    /// <summary>None, Low, Medium or High.</summary>
    public string ConfirmImpact { get; }
    public string? DefaultParameterSet { get; }
    public IReadOnlyList<Type> OutputTypes { get; }
    public IReadOnlyList<ParameterInfo> Parameters { get; }

    public ParameterInfo Parameter(string name) => Parameters.Single(p => p.Name == name);

    /// <summary>The parameter sets a parameter belongs to by name (the all-sets marker excluded).</summary>
    public IEnumerable<string> ParameterSets
        => Parameters.SelectMany(p => p.Uses).Select(u => u.Set).Where(s => s != CmdletMetadata.AllParameterSets).Distinct();
}

internal sealed class ParameterInfo
{
    public ParameterInfo(PropertyInfo property)
    {
        Property = property;
        Uses = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == "System.Management.Automation.ParameterAttribute")
            .Select(a => new ParameterUse(
                CmdletMetadata.Named<string>(a, "ParameterSetName") ?? CmdletMetadata.AllParameterSets,
                CmdletMetadata.Named<bool>(a, "Mandatory"),
                CmdletMetadata.Named<bool>(a, "ValueFromPipeline"),
                CmdletMetadata.Named<bool>(a, "ValueFromPipelineByPropertyName")))
            .ToList();
        var alias = CmdletMetadata.Attribute(property, "AliasAttribute");
        Aliases = alias == null ? new List<string>() : CmdletMetadata.ArrayArgument(alias).Cast<string>().ToList();
        AttributeNames = property.GetCustomAttributesData().Select(a => a.AttributeType.Name).ToList();
    }

    /// <summary>The constructor arguments of one of the parameter's attributes (ValidateRange(0, 18) gives 0, 18), or null when it has none.</summary>
    public IReadOnlyList<object?>? AttributeArguments(string attributeName)
    {
        var attribute = Property.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.Name == attributeName);
        return attribute == null ? null : CmdletMetadata.ArrayArgument(attribute).ToList();
    }

    public PropertyInfo Property { get; }
    public string Name => Property.Name;
    public Type Type => Property.PropertyType;
    public IReadOnlyList<ParameterUse> Uses { get; }
    public IReadOnlyList<string> Aliases { get; }
    public IReadOnlyList<string> AttributeNames { get; }

    public ParameterUse? In(string set) => Uses.SingleOrDefault(u => u.Set == set);
}

internal sealed record ParameterUse(string Set, bool Mandatory, bool FromPipeline, bool FromPipelineByPropertyName);
