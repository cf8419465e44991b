namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>Rules every cmdlet of the module follows, today's and future ones, in both builds.</summary>
public class CmdletConventionTests
{
    public static readonly TheoryData<string> Editions = new() { "Core", "Desktop" };

    // Get-Verb on PowerShell 7.4.
    private static readonly HashSet<string> ApprovedVerbs = new(StringComparer.Ordinal)
    {
        "Add", "Clear", "Close", "Copy", "Enter", "Exit", "Find", "Format", "Get", "Hide", "Join", "Lock", "Move", "New",
        "Open", "Optimize", "Pop", "Push", "Redo", "Remove", "Rename", "Reset", "Resize", "Search", "Select", "Set",
        "Show", "Skip", "Split", "Step", "Switch", "Undo", "Unlock", "Watch",
        "Connect", "Disconnect", "Read", "Receive", "Send", "Write",
        "Backup", "Checkpoint", "Compare", "Compress", "Convert", "ConvertFrom", "ConvertTo", "Dismount", "Edit",
        "Expand", "Export", "Group", "Import", "Initialize", "Limit", "Merge", "Mount", "Out", "Publish", "Restore",
        "Save", "Sync", "Unpublish", "Update",
        "Debug", "Measure", "Ping", "Repair", "Resolve", "Test", "Trace",
        "Approve", "Assert", "Build", "Complete", "Confirm", "Deny", "Deploy", "Disable", "Enable", "Install", "Invoke",
        "Register", "Request", "Restart", "Resume", "Start", "Stop", "Submit", "Suspend", "Uninstall", "Unregister", "Wait",
        "Block", "Grant", "Protect", "Revoke", "Unblock", "Unprotect",
        "Use",
    };

    // Verbs that only look; any other verb may change something and must honour -WhatIf/-Confirm.
    private static readonly HashSet<string> ReadOnlyVerbs = new(StringComparer.Ordinal)
    {
        "Get", "Test", "Find", "Search", "Select", "Show", "Measure", "Resolve", "Trace", "Compare", "Format", "Read",
        "Watch", "Wait", "Debug", "Ping", "Convert", "ConvertFrom", "ConvertTo", "Group", "Limit", "Split", "Join", "Out",
    };

    private static bool IsStateChanging(string verb) => !ReadOnlyVerbs.Contains(verb);

    // Cmdlets whose verb could change state but that only evaluate what they are given, like Invoke-Pester: they offer no -WhatIf.
    private static readonly HashSet<string> ReadOnlyCmdlets = new(StringComparer.Ordinal) { "Invoke-AzBackupCompliance" };

    private static bool IsStateChanging(CmdletInfo cmdlet) => !ReadOnlyCmdlets.Contains(cmdlet.Name) && IsStateChanging(cmdlet.Verb);

    // Verbs whose actions destroy or interrupt something (deletes, cancellations): they must prompt by default.
    private static readonly HashSet<string> DestructiveVerbs = new(StringComparer.Ordinal) { "Repair", "Remove", "Stop", "Clear", "Reset", "Uninstall" };

    /// <summary>High for destructive verbs; Medium for the other state-changing ones (prompted only when $ConfirmPreference asks).</summary>
    private static string ExpectedConfirmImpact(string verb) => DestructiveVerbs.Contains(verb) ? "High" : "Medium";

    /// <summary>English plural heuristics, enough for cmdlet nouns: "Jobs" is plural, "Readiness" and "Status" are not.</summary>
    private static bool LooksPlural(string noun)
        => noun.EndsWith("s", StringComparison.Ordinal)
           && !noun.EndsWith("ss", StringComparison.Ordinal)
           && !noun.EndsWith("us", StringComparison.Ordinal)
           && !noun.EndsWith("is", StringComparison.Ordinal);

    [Theory]
    [InlineData("Repair", true)]
    [InlineData("Start", true)]
    [InlineData("Stop", true)]
    [InlineData("Set", true)]
    [InlineData("Remove", true)]
    [InlineData("Get", false)]
    [InlineData("Test", false)]
    public void State_changing_verbs_are_told_apart_from_read_only_ones(string verb, bool changesState)
        => Assert.Equal(changesState, IsStateChanging(verb));

    [Theory]
    [InlineData("Repair", "High")]
    [InlineData("Stop", "High")]
    [InlineData("Remove", "High")]
    [InlineData("Start", "Medium")]
    [InlineData("Set", "Medium")]
    public void Destructive_verbs_expect_a_high_confirm_impact(string verb, string impact)
        => Assert.Equal(impact, ExpectedConfirmImpact(verb));

    [Theory]
    [InlineData("AzVmBackupReadiness", false)]
    [InlineData("AzBackupStatus", false)]
    [InlineData("AzRestorePointCollection", false)]
    [InlineData("AzVmBackupJobs", true)]
    [InlineData("AzVms", true)]
    public void Plural_nouns_are_recognised(string noun, bool plural) => Assert.Equal(plural, LooksPlural(noun));

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_module_assembly_has_cmdlets(string edition)
        => Assert.NotEmpty(CmdletMetadata.Of(edition).Cmdlets);

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_cmdlet_uses_an_approved_verb(string edition)
        => Assert.All(CmdletMetadata.Of(edition).Cmdlets, c => Assert.True(ApprovedVerbs.Contains(c.Verb), $"{c.Name}: '{c.Verb}' is not an approved verb"));

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_noun_is_singular_and_prefixed_Az(string edition)
        => Assert.All(CmdletMetadata.Of(edition).Cmdlets, c =>
        {
            Assert.StartsWith("Az", c.Noun, StringComparison.Ordinal);
            Assert.True(c.Noun.Length > 2 && char.IsUpper(c.Noun[2]), $"{c.Name}: the noun must go on after Az with a capital");
            Assert.False(LooksPlural(c.Noun), $"{c.Name}: the noun looks plural");
        });

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_state_changing_cmdlet_supports_ShouldProcess(string edition)
        => Assert.All(CmdletMetadata.Of(edition).Cmdlets.Where(c => IsStateChanging(c)),
            c => Assert.True(c.SupportsShouldProcess, $"{c.Name} changes state but does not declare SupportsShouldProcess"));

    [Theory]
    [MemberData(nameof(Editions))]
    public void Read_only_cmdlets_do_not_offer_WhatIf_or_Confirm(string edition)
        => Assert.All(CmdletMetadata.Of(edition).Cmdlets.Where(c => !IsStateChanging(c)),
            c => Assert.False(c.SupportsShouldProcess, $"{c.Name} only reads, yet declares SupportsShouldProcess"));

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_state_changing_cmdlet_has_the_confirm_impact_of_its_verb(string edition)
        => Assert.All(CmdletMetadata.Of(edition).Cmdlets.Where(c => IsStateChanging(c)),
            c => Assert.True(ExpectedConfirmImpact(c.Verb) == c.ConfirmImpact, $"{c.Name}: ConfirmImpact {c.ConfirmImpact}, expected {ExpectedConfirmImpact(c.Verb)}"));

    /// <summary>What every cmdlet that talks to ARM takes (from ArmCmdlet), by type.</summary>
    public static readonly IReadOnlyDictionary<string, string> ConnectionParameters = new Dictionary<string, string>
    {
        ["Environment"] = "System.String",
        ["ArmEndpoint"] = "System.Uri",
        ["AccessToken"] = "System.Security.SecureString",
        ["UseManagedIdentity"] = "System.Management.Automation.SwitchParameter",
        ["ManagedIdentityClientId"] = "System.String",
        ["TenantId"] = "System.String",
        ["TrustedCertificateSha256"] = "System.String",
        ["ConnectionRetries"] = "System.Nullable`1[[System.Int32,*",
        ["NetworkTimeoutSec"] = "System.Nullable`1[[System.Int32,*",
    };

    private static bool TalksToArm(CmdletInfo cmdlet)
    {
        for (var type = cmdlet.Type.BaseType; type != null; type = type.BaseType)
            if (type.FullName == "AzBackupTroubleshoot.PowerShell.Cmdlets.ArmCmdlet") return true;
        return false;
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_cmdlet_but_the_offline_one_talks_to_ARM(string edition)
        => Assert.Equal(new[] { "Export-AzBackupReadinessReport", "Get-AzBackupErrorInfo", "Invoke-AzBackupCompliance" },
            CmdletMetadata.Of(edition).Cmdlets.Where(c => !TalksToArm(c)).Select(c => c.Name).OrderBy(n => n, StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_cmdlet_that_talks_to_ARM_takes_the_connection_parameters_optional_in_every_set(string edition)
        => Assert.All(CmdletMetadata.Of(edition).Cmdlets.Where(TalksToArm), cmdlet =>
        {
            foreach (var (name, type) in ConnectionParameters)
            {
                var parameter = cmdlet.Parameter(name);
                // int? names its core library, which differs between the editions: "*" ends a prefix.
                if (type.EndsWith("*", StringComparison.Ordinal)) Assert.StartsWith(type.TrimEnd('*'), parameter.Type.FullName);
                else Assert.Equal(type, parameter.Type.FullName);
                Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, false, false, false), Assert.Single(parameter.Uses));
            }
        });

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_cmdlet_declares_an_output_type(string edition)
        => Assert.All(CmdletMetadata.Of(edition).Cmdlets, c => Assert.NotEmpty(c.OutputTypes));

    [Theory]
    [MemberData(nameof(Editions))]
    public void No_parameter_or_output_type_comes_from_the_Azure_SDK(string edition)
    {
        foreach (var cmdlet in CmdletMetadata.Of(edition).Cmdlets)
        {
            foreach (var parameter in cmdlet.Parameters)
                AssertNotAzure(parameter.Type, $"{cmdlet.Name} -{parameter.Name}");
            var visited = new HashSet<Type>();
            foreach (var output in cmdlet.OutputTypes)
                AssertOutputNotAzure(output, cmdlet.Name, visited);
        }
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_cmdlet_assembly_does_not_reference_the_Azure_SDK(string edition)
    {
        // Referencing Azure.* from the cmdlet assembly would load it in PowerShell's own context, next to Az.Accounts'.
        var references = CmdletMetadata.Of(edition).Assembly.GetReferencedAssemblies().Select(r => r.Name!).ToList();
        Assert.Contains("AzBackupTroubleshoot.Engine", references);
        Assert.DoesNotContain(references, r => IsAzureSdk(r));
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void The_module_hooks_its_loader_into_import_and_removal(string edition)
    {
        var hooks = CmdletMetadata.Of(edition).Assembly.GetExportedTypes()
            .Where(t => t.GetInterfaces().Any(i => i.FullName == "System.Management.Automation.IModuleAssemblyInitializer"))
            .ToList();
        var hook = Assert.Single(hooks);
        Assert.Contains(hook.GetInterfaces(), i => i.FullName == "System.Management.Automation.IModuleAssemblyCleanup");
    }

    private static void AssertOutputNotAzure(Type type, string cmdletName, HashSet<Type> visited)
    {
        var element = ElementOf(type);
        if (!visited.Add(element)) return;
        AssertNotAzure(element, cmdletName + " output " + element.Name);
        // Follow the module's own types; framework types (string, enums of the BCL) are fine as they are.
        if (element.Namespace?.StartsWith("AzBackupTroubleshoot", StringComparison.Ordinal) != true) return;
        foreach (var property in element.GetProperties())
            AssertOutputNotAzure(property.PropertyType, cmdletName, visited);
    }

    private static void AssertNotAzure(Type type, string where)
    {
        var element = ElementOf(type);
        Assert.False(IsAzureSdk(element.Assembly.GetName().Name!), $"{where} is of type {element.FullName} from {element.Assembly.GetName().Name}");
        if (element.IsGenericType)
            foreach (var argument in element.GetGenericArguments()) AssertNotAzure(argument, where);
    }

    private static Type ElementOf(Type type) => type.HasElementType ? ElementOf(type.GetElementType()!) : type;

    private static bool IsAzureSdk(string assemblyName)
        => assemblyName == "Azure" || assemblyName.StartsWith("Azure.", StringComparison.Ordinal)
           || assemblyName.StartsWith("Microsoft.Identity.", StringComparison.Ordinal);
}
