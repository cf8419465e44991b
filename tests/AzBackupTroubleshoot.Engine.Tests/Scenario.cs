using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Engine.Tests;

/// <summary>Loads a fixture from Fixtures/ and builds the inventories the checks are evaluated on.</summary>
internal sealed class Scenario
{
    /// <summary>The "now" every scenario is judged at, so job durations are deterministic.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 10, 12, 0, 0, TimeSpan.Zero);

    private readonly List<VmInventory> _inventories;

    private Scenario(ResourceSet set)
    {
        Set = set;
        _inventories = new InventoryBuilder(set).BuildAll().ToList();
    }

    public ResourceSet Set { get; }
    public IReadOnlyList<VmInventory> Inventories => _inventories;

    public static Scenario Load(string fixture, Action<ResourceSet>? adjust = null)
    {
        var set = ResourceSet.FromScenarioJson(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", fixture)));
        adjust?.Invoke(set);
        return new Scenario(set);
    }

    public VmInventory Vm(string name)
        => _inventories.SingleOrDefault(v => string.Equals(v.Name, name, StringComparison.OrdinalIgnoreCase))
           ?? throw new InvalidOperationException($"The fixture has no VM named '{name}'.");

    public CheckOutcome Evaluate(ReadinessCheck check, string vmName) => check.Evaluate(Vm(vmName));
}

/// <summary>Checks evaluated as the tests mean them: at <see cref="Scenario.Now"/>, in English, with no caller identities.</summary>
internal static class TestEvaluation
{
    public static readonly EvaluationContext Context = new() { EvaluatedAt = Scenario.Now };

    public static CheckOutcome Evaluate<TFacts>(this Check<TFacts> check, TFacts facts) where TFacts : ICheckFacts
        => check.Evaluate(facts, Context);

    public static CheckRunner<TFacts> Runner<TFacts>(IReadOnlyList<Check<TFacts>> checks, string? culture = null) where TFacts : ICheckFacts
        => new(checks, Context with { Language = AzBackupTroubleshoot.Knowledge.KnowledgeLanguages.FromCulture(culture == null ? null : new System.Globalization.CultureInfo(culture)) });
}
