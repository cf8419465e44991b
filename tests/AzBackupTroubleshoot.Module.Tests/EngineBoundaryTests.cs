using System.Collections.Immutable;
using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>
/// The cmdlet assembly lives in PowerShell's default load context, the engine and its closure in their own. A type from
/// an assembly that both contexts can load (System.Text.Json, Azure.Core …) is a different type on each side, so an
/// engine member whose signature names one fails at run time with MissingMethodException — as Stop-AzVmBackupJob did
/// with JsonElement. This reads the built bin/Core assembly's IL metadata: every engine member the cmdlets call, read
/// or construct may mention only engine types and framework types that the module does not carry.
/// </summary>
public class EngineBoundaryTests
{
    private const string Engine = "AzBackupTroubleshoot.Engine";
    private const string CmdletAssembly = "AzBackupTroubleshoot";

    [Fact]
    public void Engine_members_the_cmdlets_use_mention_only_engine_and_framework_types()
    {
        var carried = CarriedAssemblies("Core");
        var offending = new List<string>();
        var engineMembers = 0;
        foreach (var (member, mentioned) in EngineMembersUsed(ModuleFolder.ModuleAssembly("Core")))
        {
            engineMembers++;
            foreach (var type in mentioned.Where(t => !Allowed(t.Assembly, carried)))
                offending.Add($"{member} mentions {type.Name} from {type.Assembly}");
        }

        Assert.True(engineMembers > 20, $"only {engineMembers} engine members found: the metadata walk is broken");
        Assert.True(offending.Count == 0, "Types that cross the load-context boundary:\n" + string.Join("\n", offending.Distinct()));
    }

    [Fact]
    public void The_check_sees_a_System_Text_Json_type_in_a_signature()
    {
        // The walk itself must see what it guards against: System.Text.Json ships in Dependencies/, so it is not allowed.
        var carried = CarriedAssemblies("Core");
        Assert.Contains("System.Text.Json", carried);
        Assert.False(Allowed("System.Text.Json", carried));
        Assert.False(Allowed("Azure.Core", carried));
        Assert.False(Allowed("System.Management.Automation", carried));
        Assert.True(Allowed("System.Runtime", carried));
        Assert.True(Allowed(Engine, carried));
        Assert.True(Allowed(CmdletAssembly, carried));
        Assert.DoesNotContain(CmdletAssembly, carried);
    }

    /// <summary>
    /// The engine, the cmdlet assembly itself (it lives in the default context only: the engine never references it,
    /// so a generic such as DisplayList&lt;Evidence&gt; mixes two contexts' types without either having two copies), or a
    /// framework assembly that the module does not carry (so only one copy can ever load).
    /// </summary>
    private static bool Allowed(string assembly, ISet<string> carried)
        => assembly == Engine || assembly == CmdletAssembly
           || (!carried.Contains(assembly) && (assembly.StartsWith("System.", StringComparison.Ordinal) || assembly is "System" or "mscorlib" or "netstandard")
               && assembly != "System.Management.Automation");

    private static HashSet<string> CarriedAssemblies(string edition)
        => Directory.EnumerateFiles(ModuleFolder.Dependencies(edition), "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileNameWithoutExtension).ToHashSet(StringComparer.Ordinal)!;

    /// <summary>Every member reference (method, constructor, property accessor, field) on an engine type, with the types its signature names.</summary>
    private static IEnumerable<(string Member, IReadOnlyList<TypeName> Mentioned)> EngineMembersUsed(string assemblyPath)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var provider = new MentionedTypes();
        var results = new List<(string, IReadOnlyList<TypeName>)>();

        foreach (var handle in reader.MemberReferences)
        {
            var reference = reader.GetMemberReference(handle);
            var parent = ParentTypes(reader, provider, reference.Parent);
            if (!parent.Any(t => t.Assembly == Engine)) continue;
            var mentioned = new List<TypeName>(parent);
            if (reference.GetKind() == MemberReferenceKind.Method)
            {
                var signature = reference.DecodeMethodSignature(provider, null);
                mentioned.AddRange(signature.ReturnType);
                foreach (var parameter in signature.ParameterTypes) mentioned.AddRange(parameter);
            }
            else
            {
                mentioned.AddRange(reference.DecodeFieldSignature(provider, null));
            }
            results.Add(($"{parent[0].Name}.{reader.GetString(reference.Name)}", mentioned));
        }

        // Generic methods called with type arguments (e.g. an engine method instantiated over some type).
        foreach (var row in Enumerable.Range(1, reader.GetTableRowCount(TableIndex.MethodSpec)))
        {
            var spec = reader.GetMethodSpecification(MetadataTokens.MethodSpecificationHandle(row));
            if (spec.Method.Kind != HandleKind.MemberReference) continue;
            var reference = reader.GetMemberReference((MemberReferenceHandle)spec.Method);
            var parent = ParentTypes(reader, provider, reference.Parent);
            if (!parent.Any(t => t.Assembly == Engine)) continue;
            var arguments = spec.DecodeSignature(provider, null).SelectMany(a => a).ToList();
            results.Add(($"{parent[0].Name}.{reader.GetString(reference.Name)}<>", arguments));
        }
        return results;
    }

    private static IReadOnlyList<TypeName> ParentTypes(MetadataReader reader, MentionedTypes provider, EntityHandle parent) => parent.Kind switch
    {
        HandleKind.TypeReference => provider.GetTypeFromReference(reader, (TypeReferenceHandle)parent, 0),
        HandleKind.TypeSpecification => reader.GetTypeSpecification((TypeSpecificationHandle)parent).DecodeSignature(provider, null),
        _ => Array.Empty<TypeName>(),
    };

    internal sealed record TypeName(string Assembly, string Name);

    /// <summary>Decodes a signature into the list of named types it mentions (generic arguments, arrays and pointers included).</summary>
    private sealed class MentionedTypes : ISignatureTypeProvider<IReadOnlyList<TypeName>, object?>
    {
        private static IReadOnlyList<TypeName> None => Array.Empty<TypeName>();

        public IReadOnlyList<TypeName> GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind)
        {
            var type = reader.GetTypeReference(handle);
            var name = reader.GetString(type.Namespace) + "." + reader.GetString(type.Name);
            var scope = type.ResolutionScope;
            while (scope.Kind == HandleKind.TypeReference)
            {
                var outer = reader.GetTypeReference((TypeReferenceHandle)scope);
                name = reader.GetString(outer.Namespace) + "." + reader.GetString(outer.Name) + "+" + reader.GetString(type.Name);
                scope = outer.ResolutionScope;
            }
            var assembly = scope.Kind == HandleKind.AssemblyReference
                ? reader.GetString(reader.GetAssemblyReference((AssemblyReferenceHandle)scope).Name)
                : "AzBackupTroubleshoot";
            return new[] { new TypeName(assembly, name) };
        }

        public IReadOnlyList<TypeName> GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind)
            => new[] { new TypeName("AzBackupTroubleshoot", reader.GetString(reader.GetTypeDefinition(handle).Name)) };

        public IReadOnlyList<TypeName> GetTypeFromSpecification(MetadataReader reader, object? context, TypeSpecificationHandle handle, byte rawTypeKind)
            => reader.GetTypeSpecification(handle).DecodeSignature(this, context);

        public IReadOnlyList<TypeName> GetGenericInstantiation(IReadOnlyList<TypeName> genericType, ImmutableArray<IReadOnlyList<TypeName>> typeArguments)
            => genericType.Concat(typeArguments.SelectMany(a => a)).ToList();

        public IReadOnlyList<TypeName> GetArrayType(IReadOnlyList<TypeName> elementType, ArrayShape shape) => elementType;
        public IReadOnlyList<TypeName> GetSZArrayType(IReadOnlyList<TypeName> elementType) => elementType;
        public IReadOnlyList<TypeName> GetByReferenceType(IReadOnlyList<TypeName> elementType) => elementType;
        public IReadOnlyList<TypeName> GetPointerType(IReadOnlyList<TypeName> elementType) => elementType;
        public IReadOnlyList<TypeName> GetPinnedType(IReadOnlyList<TypeName> elementType) => elementType;
        public IReadOnlyList<TypeName> GetModifiedType(IReadOnlyList<TypeName> modifier, IReadOnlyList<TypeName> unmodifiedType, bool isRequired) => unmodifiedType;
        public IReadOnlyList<TypeName> GetFunctionPointerType(MethodSignature<IReadOnlyList<TypeName>> signature)
            => signature.ReturnType.Concat(signature.ParameterTypes.SelectMany(p => p)).ToList();
        public IReadOnlyList<TypeName> GetGenericMethodParameter(object? context, int index) => None;
        public IReadOnlyList<TypeName> GetGenericTypeParameter(object? context, int index) => None;
        public IReadOnlyList<TypeName> GetPrimitiveType(PrimitiveTypeCode typeCode) => None;
    }
}
