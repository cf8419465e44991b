using System.Collections.ObjectModel;
using System.Reflection;

namespace AzBackupTroubleshoot.HelpGen;

/// <summary>What the help's syntax and parameter attributes are derived from: the cmdlets of the built assembly.</summary>
public sealed record CmdletModel(string Name, bool SupportsShouldProcess, string? DefaultParameterSet, IReadOnlyList<ParameterModel> Parameters)
{
    public const string AllParameterSets = "__AllParameterSets";

    /// <summary>The named parameter sets, the default first; one all-sets entry when the cmdlet names none.</summary>
    public IReadOnlyList<string> ParameterSets
    {
        get
        {
            var sets = Parameters.SelectMany(p => p.Uses).Select(u => u.Set).Where(s => s != AllParameterSets).Distinct().ToList();
            if (sets.Count == 0) return new[] { AllParameterSets };
            if (DefaultParameterSet != null && sets.Remove(DefaultParameterSet)) sets.Insert(0, DefaultParameterSet);
            return sets;
        }
    }
}

public sealed record ParameterModel(string Name, string TypeName, bool IsSwitch, IReadOnlyList<string> Aliases, IReadOnlyList<ParameterUse> Uses)
{
    /// <summary>How the parameter is used in a set: by name, else through the all-sets declaration; null when it is not in the set.</summary>
    public ParameterUse? In(string set)
        => Uses.FirstOrDefault(u => u.Set == set) ?? Uses.FirstOrDefault(u => u.Set == CmdletModel.AllParameterSets);
}

/// <summary>Position is null when the parameter is named only.</summary>
public sealed record ParameterUse(string Set, bool Mandatory, int? Position, bool FromPipeline, bool FromPipelineByPropertyName);

/// <summary>Reads the cmdlets of an assembly with MetadataLoadContext: nothing is run, so neither PowerShell nor the engine has to load.</summary>
public static class CmdletReader
{
    private const string Sma = "System.Management.Automation.";

    /// <param name="assemblyPath">The cmdlet assembly.</param>
    /// <param name="references">Every assembly it may refer to (the build's reference paths: System.Management.Automation, the framework, the engine).</param>
    public static List<CmdletModel> Read(string assemblyPath, IEnumerable<string> references)
    {
        // The running framework stands in for any framework assembly the list lacks.
        var runtime = Directory.GetFiles(System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory(), "*.dll");
        var files = references.Where(File.Exists).Append(assemblyPath).Concat(runtime).Distinct(StringComparer.OrdinalIgnoreCase)
            // Two files of one name confuse the resolver; the first listed wins.
            .GroupBy(f => Path.GetFileName(f), StringComparer.OrdinalIgnoreCase).Select(g => g.First());
        using var context = new MetadataLoadContext(new PathAssemblyResolver(files));
        var assembly = context.LoadFromAssemblyPath(assemblyPath);
        return assembly.GetExportedTypes()
            .Where(t => !t.IsAbstract && Attribute(t, "CmdletAttribute") != null)
            .Select(Cmdlet).ToList();
    }

    private static CmdletModel Cmdlet(Type type)
    {
        var cmdlet = Attribute(type, "CmdletAttribute")!;
        var name = (string)cmdlet.ConstructorArguments[0].Value! + "-" + (string)cmdlet.ConstructorArguments[1].Value!;
        var parameters = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => Attribute(p, "ParameterAttribute") != null)
            .Select(Parameter).ToList();
        return new CmdletModel(name, Named<bool>(cmdlet, "SupportsShouldProcess"), Named<string>(cmdlet, "DefaultParameterSetName"), parameters);
    }

    private static ParameterModel Parameter(PropertyInfo property)
    {
        var uses = property.GetCustomAttributesData()
            .Where(a => a.AttributeType.FullName == Sma + "ParameterAttribute")
            .Select(a =>
            {
                var position = Named<int?>(a, "Position");
                return new ParameterUse(Named<string>(a, "ParameterSetName") ?? CmdletModel.AllParameterSets, Named<bool>(a, "Mandatory"),
                    position is null or int.MinValue ? null : position, Named<bool>(a, "ValueFromPipeline"), Named<bool>(a, "ValueFromPipelineByPropertyName"));
            }).ToList();
        var alias = Attribute(property, "AliasAttribute");
        var aliases = alias == null ? new List<string>() : alias.ConstructorArguments
            .SelectMany(a => a.Value is ReadOnlyCollection<CustomAttributeTypedArgument> items ? items.Select(i => i.Value) : new[] { a.Value })
            .Cast<string>().ToList();
        var type = property.PropertyType;
        return new ParameterModel(property.Name, TypeName(type), type.FullName == Sma + "SwitchParameter", aliases, uses);
    }

    /// <summary>The short name help shows: String[], SwitchParameter, Int32 for int?, Hashtable.</summary>
    public static string TypeName(Type type)
    {
        if (type.IsArray) return TypeName(type.GetElementType()!) + "[]";
        if (type.IsGenericType && type.GetGenericTypeDefinition().FullName == "System.Nullable`1") return TypeName(type.GetGenericArguments()[0]);
        if (type.IsGenericType) return type.Name[..type.Name.IndexOf('`')] + "[" + string.Join(", ", type.GetGenericArguments().Select(TypeName)) + "]";
        return type.Name;
    }

    private static CustomAttributeData? Attribute(MemberInfo member, string shortName)
        => member.GetCustomAttributesData().FirstOrDefault(a => a.AttributeType.FullName == Sma + shortName);

    private static T? Named<T>(CustomAttributeData attribute, string name)
    {
        var argument = attribute.NamedArguments.FirstOrDefault(a => a.MemberName == name);
        return argument.MemberInfo == null ? default : (T?)argument.TypedValue.Value;
    }
}
