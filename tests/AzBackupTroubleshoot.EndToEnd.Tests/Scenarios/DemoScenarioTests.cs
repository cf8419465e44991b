using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Emulator;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Scenarios;

/// <summary>
/// scenarios/demo.json parses, is served, and each condition's marker VM (docs/emulator.md) really carries its condition.
/// </summary>
public sealed class DemoScenarioTests
{
    private const string VmType = "Microsoft.Compute/virtualMachines";
    private const string ItemType = "Microsoft.RecoveryServices/vaults/backupFabrics/protectionContainers/protectedItems";
    private const string JobType = "Microsoft.RecoveryServices/vaults/backupJobs";
    private const string RpcType = "Microsoft.Compute/restorePointCollections";

    private static readonly string DemoPath = FindDemo();
    private readonly Scenario _demo = Scenario.Load(DemoPath);

    [Fact]
    public async Task The_demo_is_served_over_HTTPS_and_refuses_its_forbidden_subscription()
    {
        await using var emulator = await ArmEmulator.StartAsync(_demo);
        using var client = new EmulatorClient(emulator);
        var forbidden = Assert.Single(_demo.Settings.ForbiddenSubscriptions);

        var (listed, _) = await client.ListAllAsync($"/subscriptions?{EmulatorClient.ApiVersion}");
        var readable = listed.Select(s => s.GetProperty("subscriptionId").GetString()!).ToList();
        var total = 0;
        foreach (var sub in readable)
            total += (await client.ListAllAsync($"/subscriptions/{sub}/providers/Microsoft.Compute/virtualMachines?{EmulatorClient.ApiVersion}")).Items.Count;
        var refused = await client.GetAsync($"/subscriptions/{forbidden}/providers/Microsoft.Compute/virtualMachines?{EmulatorClient.ApiVersion}");

        Assert.Equal(3, _demo.SubscriptionIds.Count);
        Assert.Equal(2, readable.Count);
        Assert.DoesNotContain(forbidden, readable);
        Assert.Equal(_demo.Resources(VmType).Count(v => !((string)v["id"]!).Contains(forbidden)), total);
        Assert.InRange(total, 20, 60);
        Assert.Equal((403, "AuthorizationFailed"), (refused.Status, refused.ErrorCode));
        Assert.Contains(_demo.Resources(VmType), v => ((string)v["id"]!).Contains(forbidden));
        Assert.Equal(new[] { "northeurope", "westeurope" }, _demo.Resources(VmType).Select(v => (string)v["location"]!).Distinct().Order());
    }

    [Fact]
    public void Five_healthy_VMs_are_protected_ready_snapshotted_unlocked_and_recently_backed_up()
    {
        var inventory = Inventory();
        for (var i = 1; i <= 5; i++)
        {
            var name = $"vm-healthy-0{i}";
            var view = InstanceView(name);
            Assert.Equal("Ready", (string?)view["vmAgent"]!["statuses"]![0]!["displayStatus"]);
            Assert.True(new Version((string)view["vmAgent"]!["vmAgentVersion"]!) >= new Version(2, 7));
            Assert.All(view["extensions"]!.AsArray(), e => Assert.Equal("ProvisioningState/succeeded", (string?)e!["statuses"]![0]!["code"]));
            Assert.Equal("PowerState/running", (string?)view["statuses"]![1]!["code"]);
            var vm = inventory.Single(v => v.Name == name);
            Assert.Empty(vm.Locks);
            Assert.Equal(3, RestorePoints(name));
            var item = Assert.Single(Items(name));
            Assert.Equal(("Passed", "Completed", "DailyPolicy"), ((string?)item["healthStatus"], (string?)item["lastBackupStatus"], (string?)item["policyName"]));
            Assert.Contains(Jobs(name), j => (string?)j["status"] == "Completed" && DateTimeOffset.Parse((string)j["startTime"]!) > DateTimeOffset.UtcNow.AddDays(-2));
        }
    }

    [Fact]
    public void Condition_1_a_deleted_VM_is_still_protected_and_its_job_failed_with_320001()
    {
        Assert.DoesNotContain(_demo.Resources(VmType), v => (string?)v["name"] == "vm-deleted-erp");
        Assert.Single(Items("vm-deleted-erp"));
        Assert.Contains(Jobs("vm-deleted-erp"), j => (string?)j["status"] == "Failed" && (int?)j["errorDetails"]![0]!["errorCode"] == 320001);
        Assert.Contains(Inventory(), v => v.Name == "vm-deleted-erp" && v.Vm == null);
    }

    [Fact]
    public void Condition_2_provisioning_failed_by_an_extension_and_provisioning_updating()
    {
        var failed = InstanceView("vm-provisioning-failed");
        Assert.StartsWith("ProvisioningState/failed/", (string?)failed["statuses"]![0]!["code"]);
        Assert.Contains(failed["extensions"]!.AsArray(), e => ((string)e!["statuses"]![0]!["code"]!).StartsWith("ProvisioningState/failed") && !IsBackupExtension(e));
        Assert.Equal("Failed", (string?)Vm("vm-provisioning-failed")["properties"]!["provisioningState"]);
        Assert.Equal("ProvisioningState/updating", (string?)InstanceView("vm-provisioning-updating")["statuses"]![0]!["code"]);
    }

    [Fact]
    public void Condition_3_a_transitional_power_state()
        => Assert.Equal("PowerState/starting", (string?)InstanceView("vm-power-starting")["statuses"]![1]!["code"]);

    [Fact]
    public void Condition_4_agent_missing_not_ready_and_outdated()
    {
        Assert.False((bool)Vm("vm-agent-missing")["properties"]!["osProfile"]!["windowsConfiguration"]!["provisionVMAgent"]!);
        Assert.Null(InstanceView("vm-agent-missing")["vmAgent"]);
        var notReady = InstanceView("vm-agent-notready")["vmAgent"]!;
        Assert.Equal(("Unknown", "ProvisioningState/Unavailable", "Not Ready"),
            ((string?)notReady["vmAgentVersion"], (string?)notReady["statuses"]![0]!["code"], (string?)notReady["statuses"]![0]!["displayStatus"]));
        Assert.NotNull(Vm("vm-agent-outdated")["properties"]!["osProfile"]!["windowsConfiguration"]);
        Assert.True(new Version((string)InstanceView("vm-agent-outdated")["vmAgent"]!["vmAgentVersion"]!) < new Version("2.6.1198.718"));
    }

    [Fact]
    public void Condition_5_backup_extension_failed_stuck_deleting_outdated_and_another_extension_failed()
    {
        var failed = InstanceView("vm-snapshot-failed")["extensions"]!.AsArray().Single(IsBackupExtension)!;
        Assert.Equal("Microsoft.Azure.RecoveryServices.VMSnapshot", (string?)failed["type"]);
        Assert.Equal("Error", (string?)failed["statuses"]![0]!["level"]);

        var deleting = _demo.Get(VmIdOf("vm-snapshot-deleting") + "/extensions/VMSnapshotLinux")!;
        Assert.Equal("Deleting", (string?)deleting["properties"]!["provisioningState"]);
        // The VM model carries its extensions too, as a VM GET returns them.
        Assert.Equal("Deleting", (string?)Vm("vm-snapshot-deleting")["resources"]![0]!["properties"]!["provisioningState"]);

        var outdated = InstanceView("vm-snapshot-outdated")["extensions"]!.AsArray().Single(IsBackupExtension)!;
        Assert.Equal("Microsoft.Azure.RecoveryServices.VMSnapshotLinux", (string?)outdated["type"]);
        Assert.True(new Version((string)outdated["typeHandlerVersion"]!) < new Version("1.0.91.0"));

        var other = InstanceView("vm-other-extension-failed")["extensions"]!.AsArray();
        Assert.Contains(other, e => !IsBackupExtension(e) && (string?)e!["statuses"]![0]!["level"] == "Error");
        Assert.Contains(other, e => IsBackupExtension(e) && (string?)e!["statuses"]![0]!["level"] == "Info");
    }

    [Fact]
    public void Condition_6_locks_on_a_VM_group_on_a_restore_point_group_and_on_a_subscription()
    {
        var inventory = Inventory();
        Assert.Contains(inventory.Single(v => v.Name == "vm-group-locked").Locks, l => l.Level == "CanNotDelete" && l.Scope.EndsWith("/resourceGroups/rg-locked-ne"));
        Assert.Contains(inventory.Single(v => v.Name == "vm-restorepoints-readonly").Locks, l => l.Level == "ReadOnly" && l.Scope.EndsWith("/resourceGroups/AzureBackupRG_westeurope_1"));
        Assert.Contains(_demo.Resources(RpcType), c => ((string)c["id"]!).Contains("/resourceGroups/AzureBackupRG_westeurope_1/"));
        Assert.Contains(inventory.Single(v => v.Name == "vm-dev-subscription-locked").Locks, l => l.IsOnSubscription);
    }

    [Fact]
    public void Condition_7_restore_points_at_the_limit_near_it_and_an_hourly_policy()
    {
        Assert.Equal(18, RestorePoints("vm-restorepoints-18"));
        Assert.Equal(2, Collections("vm-restorepoints-18").Count);
        Assert.Equal(16, RestorePoints("vm-restorepoints-16"));
        var policy = _demo.Get((string)Items("vm-hourly-policy").Single()["policyId"]!)!["properties"]!;
        Assert.Equal(("V2", "SimpleSchedulePolicyV2", "Hourly"),
            ((string?)policy["policyType"], (string?)policy["schedulePolicy"]!["schedulePolicyType"], (string?)policy["schedulePolicy"]!["scheduleRunFrequency"]));
        Assert.True((int)policy["schedulePolicy"]!["hourlySchedule"]!["interval"]! < 24);
    }

    [Fact]
    public void Condition_8_a_33_TB_disk_and_a_5_TB_encrypted_disk()
    {
        Assert.Contains(Disks("vm-disk-33tb"), d => (int)d["properties"]!["diskSizeGB"]! == 33792);
        Assert.Contains(Disks("vm-encrypted-5tb"), d => (int)d["properties"]!["diskSizeGB"]! == 5120
            && (bool)d["properties"]!["encryptionSettingsCollection"]!["enabled"]!);
    }

    [Fact]
    public void Condition_9_a_job_in_progress_in_the_VMs_vault_and_one_in_another_vault()
    {
        var running = Jobs("vm-job-running").Where(j => (string?)j["status"] == "InProgress").ToList();
        var vaultOfItem = VaultOf((string)Items("vm-job-running").Single()["vaultId"]!);
        Assert.Contains(running, j => VaultOf((string)j["id"]!) == vaultOfItem);

        var otherItemVault = VaultOf((string)Items("vm-job-other-vault").Single()["vaultId"]!);
        Assert.Contains(Jobs("vm-job-other-vault"), j => (string?)j["status"] == "InProgress" && VaultOf((string)j["id"]!) != otherItemVault);
    }

    [Fact]
    public void Condition_10_encrypted_VMs_whose_key_vault_lacks_or_grants_the_backup_service()
    {
        var inventory = Inventory();
        static bool Grants(VmInventory vm) => vm.KeyVaults.Any(kv => kv.GetProperty("properties").GetProperty("accessPolicies").EnumerateArray()
            .Any(p => p.GetProperty("objectId").GetString() == FleetScenario.BackupManagementServiceObjectId
                && p.TryGetProperty("applicationId", out var app) && app.GetString() == FleetScenario.BackupManagementServiceApplicationId));

        var missing = inventory.Single(v => v.Name == "vm-encrypted-no-kv-access");
        var granted = inventory.Single(v => v.Name == "vm-encrypted-kv-granted");
        Assert.Single(missing.KeyVaults);
        Assert.False(Grants(missing));
        Assert.Single(granted.KeyVaults);
        Assert.True(Grants(granted));
    }

    [Fact]
    public void Condition_11_NSGs_that_deny_https_out_let_an_allow_win_and_deny_at_the_subnet()
    {
        var inventory = Inventory();
        static IEnumerable<(string Access, int Priority)> Https(System.Text.Json.JsonElement? nsg)
            => nsg == null ? Enumerable.Empty<(string, int)>() : nsg.Value.GetProperty("properties").GetProperty("securityRules").EnumerateArray()
                .Select(r => r.GetProperty("properties"))
                .Where(p => p.GetProperty("direction").GetString() == "Outbound" && p.GetProperty("destinationPortRange").GetString() == "443")
                .Select(p => (p.GetProperty("access").GetString()!, p.GetProperty("priority").GetInt32()));

        var deny = Https(inventory.Single(v => v.Name == "vm-nsg-deny-https").Network.Single().NicSecurityGroup).OrderBy(r => r.Priority).ToList();
        var allow = Https(inventory.Single(v => v.Name == "vm-nsg-allow-wins").Network.Single().NicSecurityGroup).OrderBy(r => r.Priority).ToList();
        var subnet = inventory.Single(v => v.Name == "vm-subnet-nsg-deny").Network.Single();

        Assert.Equal("Deny", deny.First().Access);
        Assert.Contains(deny, r => r.Access == "Allow");
        Assert.Equal("Allow", allow.First().Access);
        Assert.Contains(allow, r => r.Access == "Deny");
        Assert.Null(subnet.NicSecurityGroup);
        Assert.Equal("Deny", Https(subnet.SubnetSecurityGroup).Single().Access);
    }

    [Fact]
    public void Condition_12_protected_items_needing_action_and_a_failed_last_backup()
    {
        var required = Items("vm-health-action-required").Single();
        Assert.Equal(("ActionRequired", "Failed"), ((string?)required["healthStatus"], (string?)required["lastBackupStatus"]));
        Assert.NotNull(required["healthDetails"]![0]!["recommendations"]![0]);
        Assert.Equal("ActionSuggested", (string?)Items("vm-health-action-suggested").Single()["healthStatus"]);
    }

    [Fact]
    public void Condition_13_a_VM_no_vault_protects()
    {
        Assert.NotNull(Vm("vm-unprotected"));
        Assert.Empty(Items("vm-unprotected"));
    }

    // ---- reading the demo ----

    private JsonNode Vm(string name) => _demo.Resources(VmType).Single(v => (string?)v["name"] == name);

    private string VmIdOf(string name) => (string)Vm(name)["id"]!;

    private JsonNode InstanceView(string name) => Vm(name)["properties"]!["instanceView"]!;

    private IEnumerable<JsonNode> Items(string vmName)
        => _demo.Resources(ItemType).Select(i => i["properties"]!).Where(p => ((string?)p["sourceResourceId"])?.EndsWith("/" + vmName) == true);

    private IEnumerable<JsonNode> Jobs(string vmName)
        => _demo.Resources(JobType).Where(j => (string?)j["properties"]!["entityFriendlyName"] == vmName)
            .Select(j => { var p = j["properties"]!.DeepClone(); p["id"] = (string)j["id"]!; return p; });

    private List<JsonNode> Collections(string vmName)
        => _demo.Resources(RpcType).Where(c => ((string?)c["properties"]!["source"]!["id"])?.EndsWith("/" + vmName) == true).ToList();

    private int RestorePoints(string vmName) => Collections(vmName).Sum(c => c["properties"]!["restorePoints"]!.AsArray().Count);

    private IEnumerable<JsonNode> Disks(string vmName)
        => _demo.Resources("Microsoft.Compute/disks").Where(d => ((string?)d["managedBy"])?.EndsWith("/" + vmName) == true);

    private static bool IsBackupExtension(JsonNode? extension) => ((string?)extension?["type"])?.StartsWith("Microsoft.Azure.RecoveryServices.VMSnapshot") == true;

    private static string VaultOf(string id) => Regex.Match(id, "^.*?/vaults/[^/]+", RegexOptions.IgnoreCase).Value;

    /// <summary>The engine's own view of the demo (locks, key vaults, NSGs joined per VM).</summary>
    private static List<VmInventory> Inventory() => new InventoryBuilder(ResourceSet.FromScenarioJson(File.ReadAllText(DemoPath))).BuildAll().ToList();

    private static string FindDemo()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir != null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "scenarios", "demo.json");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException("scenarios/demo.json was not found above " + AppContext.BaseDirectory);
    }
}
