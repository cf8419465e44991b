using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Repairs;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;
using static AzBackupTroubleshoot.EndToEnd.Tests.Repairs.RepairHarness;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Repairs;

/// <summary>
/// Decoys for every ownership rule: collections that look like Azure Backup's but are not are reported as left alone
/// and are still there afterwards; the ones that are (default and policy-named groups) are deleted.
/// </summary>
public sealed class OwnershipDecoyTests
{
    private static readonly string Vm = VmId(Sub1, "rg-app", "vm1");
    private static readonly string Vault = VaultId(Sub1, "rg-vault", "vault1");

    private static string Rpc(string group, string name) => $"/subscriptions/{Sub1}/resourceGroups/{group}/providers/Microsoft.Compute/restorePointCollections/{name}";

    /// <summary>vm1 protected by a policy that names its own restore-point group: prefix + n + suffix.</summary>
    private static ScenarioBuilder Protected(string prefix, string? suffix)
    {
        var builder = new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault);
        var suffixJson = suffix == null ? "" : $", \"azureBackupRGNameSuffix\": \"{suffix}\"";
        // Same id as Protect's policy: the later one replaces it.
        return builder.Resource($$"""
            { "id": "{{Vault}}/backupPolicies/DefaultPolicy", "name": "DefaultPolicy", "type": "Microsoft.RecoveryServices/vaults/backupPolicies",
              "properties": { "backupManagementType": "AzureIaasVM", "instantRpRetentionRangeInDays": 2,
                "instantRPDetails": { "azureBackupRGNamePrefix": "{{prefix}}"{{suffixJson}} },
                "schedulePolicy": { "schedulePolicyType": "SimpleSchedulePolicy", "scheduleRunFrequency": "Daily", "scheduleRunTimes": ["2024-01-01T02:00:00Z"] },
                "retentionPolicy": { "retentionPolicyType": "LongTermRetentionPolicy" }, "timeZone": "UTC" } }
            """);
    }

    private static async Task<IReadOnlyList<RepairRecord>> CleanUp(EmulatedAzure azure)
        => await VmRepairs.CleanUpRestorePointsAsync(FastConnection(azure), Vm, new RestorePointCleanupOptions { RemoveLock = true },
            Options(NewJournalDirectory()), _ => true, CancellationToken.None, FastDelete);

    [Fact]
    public async Task Only_the_default_group_and_the_policy_named_group_are_azure_backups_and_every_decoy_survives()
    {
        var owned = new[] { Rpc("AzureBackupRG_westeurope_1", "AzureBackup_vm1_1"), Rpc("Contoso_1ForVMs", "AzureBackup_vm1_2") };
        var decoys = new Dictionary<string, string>
        {
            [Rpc("AzureBackupRG_keep-forever", "AzureBackup_vm1_3")] = "resource group",          // starts with AzureBackupRG_, is not the pattern
            [Rpc("AzureBackupRG_northeurope_1", "AzureBackup_vm1_4")] = "resource group",         // another region's group
            [Rpc("AzureBackupRG_westeurope_1x", "AzureBackup_vm1_5")] = "resource group",         // n must be digits only
            [Rpc("Contoso_1ForVMs_old", "AzureBackup_vm1_6")] = "resource group",                 // the suffix is exact
            [Rpc("Contoso_ForVMs", "AzureBackup_vm1_7")] = "resource group",                      // n is required
            [Rpc("AzureBackupRG_westeurope_1", "customer-rpc")] = "name",                         // the customer's, inside the real group
            [Rpc("AzureBackupRG_westeurope_1", "AzureBackup_vm1_archive")] = "name",              // not Azure Backup's naming
            [Rpc("AzureBackupRG_westeurope_1", "AzureBackup_vm10_1")] = "name",                   // another VM's name
        };
        var builder = Protected("Contoso_", "ForVMs");
        foreach (var id in owned.Concat(decoys.Keys)) builder.RestorePoints(Vm, id.Split('/')[4], id.Split('/')[^1], 1);
        builder.RestorePoints(VmId(Sub1, "rg-app", "vm2"), "AzureBackupRG_westeurope_1", "AzureBackup_vm2_1", 1); // another VM's source
        await using var azure = await EmulatedAzure.StartAsync(builder.Build());

        var records = await CleanUp(azure);

        foreach (var id in owned)
        {
            Assert.False(Exists(azure, id), id + " should be deleted\n" + Describe(records));
            Assert.Equal(RepairStatus.Done, records.Single(r => r.Target == id).Status);
        }
        foreach (var (id, rule) in decoys)
        {
            Assert.True(Exists(azure, id), id + " must survive\n" + Describe(records));
            var record = records.Single(r => r.Target == id);
            Assert.Equal("LeaveAlone", record.Action);
            Assert.Equal(RepairStatus.Skipped, record.Status);
            Assert.Contains("Not Azure Backup's, left alone", record.Message);
            Assert.Contains(rule == "name" ? "its name" : "its resource group", record.Message);
        }
        Assert.True(Exists(azure, Rpc("AzureBackupRG_westeurope_1", "AzureBackup_vm2_1")));
    }

    [Fact]
    public async Task A_policy_prefix_of_rg_does_not_make_rg_production_data_a_target()
    {
        var builder = Protected("rg", null)
            .RestorePoints(Vm, "rg_production-data", "AzureBackup_vm1_1", 1)
            .RestorePoints(Vm, "rg-production", "AzureBackup_vm1_2", 1)
            .RestorePoints(Vm, "rg7", "AzureBackup_vm1_3", 1);
        await using var azure = await EmulatedAzure.StartAsync(builder.Build());

        var records = await CleanUp(azure);

        Assert.True(Exists(azure, Rpc("rg_production-data", "AzureBackup_vm1_1")), Describe(records));
        Assert.True(Exists(azure, Rpc("rg-production", "AzureBackup_vm1_2")));
        Assert.False(Exists(azure, Rpc("rg7", "AzureBackup_vm1_3"))); // prefix + n, exactly: the policy's own group
        Assert.Equal(2, records.Count(r => r.Action == "LeaveAlone"));
    }

    [Fact]
    public async Task A_plan_edited_to_target_a_decoy_is_refused_by_the_executor()
    {
        var decoy = Rpc("AzureBackupRG_westeurope_1", "customer-rpc");
        await using var azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
            .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "customer-rpc", 1).Build());
        var connection = FastConnection(azure);
        var vm = await VmInventoryReader.ReadAsync(connection, Vm, CancellationToken.None);
        var plan = RestorePointCleanupPlanner.Plan(vm, new RestorePointCleanupOptions());
        Assert.True(plan.NothingToDo);
        // Someone builds a plan by hand that names the decoy: the executor asks the ownership rule again.
        var forged = new RestorePointCleanupPlan(vm, new[] { new PlannedAction("DeleteRestorePointCollection", decoy, "forged") { Approved = true } }, null);
        azure.Emulator.Requests.Reset();

        var records = await new RestorePointCleanupExecutor(connection).ExecuteAsync(forged, DateTimeOffset.UtcNow, CancellationToken.None, Options(NewJournalDirectory()));

        Assert.Equal(RepairStatus.Skipped, records.Single(r => r.Target == decoy).Status);
        Assert.True(Exists(azure, decoy));
        Assert.Equal(0, azure.Emulator.Requests.Writes);
    }
}
