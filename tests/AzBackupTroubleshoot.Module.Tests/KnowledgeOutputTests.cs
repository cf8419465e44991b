using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.Loader;

namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>
/// What Get-AzBackupErrorInfo writes, built for real: the built bin/Core assembly's output objects over the engine's
/// knowledge base, reached through the module's own resolver as in PowerShell 7. The objects need no PowerShell types,
/// so no PowerShell is needed to build them. Shares the isolation tests' collection: it registers the same resolver.
/// </summary>
[Collection(nameof(EngineIsolationTests))]
public sealed class KnowledgeOutputTests : IDisposable
{
    private const string LimitCode = "UserErrorRpCollectionLimitReached";
    private readonly Type _contextType;
    private readonly Assembly _module;
    private readonly Assembly _engine;

    public KnowledgeOutputTests()
    {
        _module = AssemblyLoadContext.Default.LoadFromAssemblyPath(ModuleFolder.ModuleAssembly("Core"));
        _contextType = _module.GetType("AzBackupTroubleshoot.PowerShell.Loading.EngineLoadContext", throwOnError: true)!;
        _contextType.GetMethod("Register")!.Invoke(null, null);
        _engine = AssemblyLoadContext.Default.LoadFromAssemblyName(new AssemblyName("AzBackupTroubleshoot.Engine"));
    }

    public void Dispose() => _contextType.GetMethod("Unregister")!.Invoke(null, null);

    private object KnowledgeBase => _engine.GetType("AzBackupTroubleshoot.Knowledge.KnowledgeBase", true)!.GetProperty("Default")!.GetValue(null)!;

    private object Entry(string code) => KnowledgeBase.GetType().GetMethod("FindByCode")!.Invoke(KnowledgeBase, new object[] { code })!;

    private object ErrorInfo(string code, string culture)
        => Activator.CreateInstance(_module.GetType("AzBackupTroubleshoot.PowerShell.Output.BackupErrorInfo", true)!, Entry(code), new CultureInfo(culture))!;

    private static object? Get(object target, string property) => target.GetType().GetProperty(property)!.GetValue(target);

    [Fact]
    public void An_error_in_Italian_keeps_its_code_area_and_repair_and_has_Italian_texts()
    {
        var english = ErrorInfo(LimitCode, "en-US");
        var italian = ErrorInfo(LimitCode, "it-IT");
        Assert.Equal(LimitCode, Get(italian, "Code"));
        Assert.Equal("vm-snapshot", Get(italian, "Area"));
        Assert.Equal("Repair-AzRestorePointCollection", Get(italian, "RepairedBy"));
        Assert.Equal("Arm", Get(italian, "FixLocation"));
        Assert.Contains("RestorePoints.CollectionLimit", (string[])Get(italian, "DetectedBy")!);
        Assert.Equal("it", Get(italian, "Language"));
        Assert.NotEqual(Get(english, "Title"), Get(italian, "Title"));
        Assert.Contains("ripristino", (string)Get(italian, "Title")!);
        var steps = (string[])Get(italian, "Remediation")!;
        Assert.Equal(((string[])Get(english, "Remediation")!).Length, steps.Length);
        Assert.Contains("ripristino", steps[0]);
    }

    [Theory]
    [InlineData("pt-BR", "pt")]
    [InlineData("pt-PT", "pt")]
    [InlineData("fr-FR", "en")]
    [InlineData("en-GB", "en")]
    public void A_culture_picks_its_language_or_English(string culture, string language)
    {
        var info = ErrorInfo(LimitCode, culture);
        Assert.Equal(language, Get(info, "Language"));
        if (language == "en") Assert.Equal(Get(ErrorInfo(LimitCode, "en-US"), "Title"), Get(info, "Title"));
    }

    [Fact]
    public void A_match_on_the_Italian_message_ranks_the_error_first_with_its_score_and_shortcuts()
    {
        // The product's own Italian wording, as the knowledge base holds it.
        var messages = Get(Entry(LimitCode), "Messages")!;
        var italianMessage = ((IEnumerable)Get(messages, "It")!).Cast<string>().First();
        var matches = ((IEnumerable)KnowledgeBase.GetType().GetMethod("Match")!.Invoke(KnowledgeBase, new object[] { "Dettagli errore: " + italianMessage, 3 })!).Cast<object>().ToList();
        var matchType = _module.GetType("AzBackupTroubleshoot.PowerShell.Output.BackupErrorMatch", true)!;
        var best = Activator.CreateInstance(matchType, matches[0], new CultureInfo("it-IT"))!;

        Assert.Equal(LimitCode, Get(best, "Code"));
        Assert.Equal(Get(Get(best, "Error")!, "Title"), Get(best, "Title"));
        Assert.Equal("vm-snapshot", Get(best, "Area"));
        Assert.Equal("Message", Get(best, "MatchedBy"));
        Assert.True((bool)Get(best, "IsConfident")!);
        var score = (double)Get(best, "Score")!;
        Assert.InRange(score, 0.5, 1.0);
        Assert.Equal($"{LimitCode} ({score:0.00})", best.ToString());
    }
}
