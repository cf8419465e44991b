using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Readiness;

/// <summary>
/// The whole demo scenario scanned once, through the real Azure SDK over HTTPS against the emulator; then each check's
/// failing and passing VMs (docs/emulator.md lists which VM shows which condition).
/// </summary>
public sealed class DemoScan : IAsyncLifetime
{
    /// <summary>The demo tenant's Backup Management Service object id (docs/emulator.md), so the key vault check can pass.</summary>
    public const string BackupServiceObjectId = "e1e1e1e1-bbbb-4ccc-8ddd-262044b1e2ce";

    public ScanOutcome Outcome { get; private set; } = new();

    public async Task InitializeAsync()
    {
        await using var azure = await EmulatedAzure.StartDemoAsync();
        var connection = azure.Connect();
        var scope = new ScanScope();
        foreach (var sub in await SubscriptionDiscovery.ListAsync(connection)) scope.AddSubscription(sub);
        var scanner = new ReadinessScanner(connection) { Options = new ScanOptions { BackupServiceObjectIds = new[] { BackupServiceObjectId } } };
        await foreach (var evt in scanner.ScanAsync(scope))
        {
            if (evt is ResultEvent r) Outcome.Results.Add(r.Result);
            if (evt is ScopeErrorEvent e) Outcome.Errors.Add(e);
        }
    }

    public Task DisposeAsync() => Task.CompletedTask;
}

public sealed class DemoReadinessTests : IClassFixture<DemoScan>
{
    private readonly ScanOutcome _scan;

    public DemoReadinessTests(DemoScan scan) => _scan = scan.Outcome;

    [Theory]
    [InlineData("Vault.ProtectedVmExists", "vm-deleted-erp", CheckStatus.Fail, "320001")]
    [InlineData("Vm.ProvisioningState", "vm-provisioning-failed", CheckStatus.Fail, "UserErrorVmProvisioningStateFailed")]
    [InlineData("Vm.ProvisioningState", "vm-provisioning-updating", CheckStatus.Warning, "UserErrorVmProvisioningStateFailed")]
    [InlineData("Vm.PowerState", "vm-power-starting", CheckStatus.Fail, "UserErrorVmNotInDesirableState")]
    [InlineData("Vm.GuestShutdown", "vm-guest-stopped", CheckStatus.Warning, null)]
    [InlineData("Vm.SupportedConfiguration", "vm-spot", CheckStatus.Warning, null)]
    [InlineData("Agent.Installed", "vm-agent-missing", CheckStatus.Fail, "NoCode.VmAgentNotPresent")]
    [InlineData("Agent.Ready", "vm-agent-notready", CheckStatus.Fail, "UserErrorGuestAgentStatusUnavailable")]
    [InlineData("Agent.Version", "vm-agent-outdated", CheckStatus.Fail, "NoCode.WindowsAgentOutdatedOrUnresponsive")]
    [InlineData("Extension.BackupExtension", "vm-snapshot-failed", CheckStatus.Fail, null)]
    [InlineData("Extension.BackupExtension", "vm-snapshot-deleting", CheckStatus.Fail, "ExtensionStuckInDeletionState")]
    [InlineData("Extension.BackupExtension", "vm-snapshot-outdated", CheckStatus.Warning, null)]
    [InlineData("Extension.OtherExtensions", "vm-other-extension-failed", CheckStatus.Warning, "UserErrorVmProvisioningStateFailed")]
    [InlineData("Lock.VmResourceGroup", "vm-group-locked", CheckStatus.Warning, null)]
    [InlineData("Lock.VmResourceGroup", "vm-dev-subscription-locked", CheckStatus.Warning, null)]
    [InlineData("Lock.RestorePointResourceGroup", "vm-restorepoints-readonly", CheckStatus.Fail, "NoCode.AzureBackupRgLocked")]
    [InlineData("Lock.RestorePointResourceGroup", "vm-dev-subscription-locked", CheckStatus.Fail, "NoCode.AzureBackupRgLocked")]
    [InlineData("RestorePoints.CollectionLimit", "vm-restorepoints-18", CheckStatus.Fail, "UserErrorRpCollectionLimitReached")]
    [InlineData("RestorePoints.CollectionLimit", "vm-restorepoints-16", CheckStatus.Warning, "UserErrorRpCollectionLimitReached")]
    [InlineData("RestorePoints.CollectionLimit", "vm-enhanced-stalled", CheckStatus.Warning, "UserErrorRpCollectionLimitReached")]
    [InlineData("RestorePoints.CleanupStalled", "vm-enhanced-stalled", CheckStatus.Warning, "NoCode.AzureBackupRgLocked")]
    [InlineData("RestorePoints.CleanupStalled", "vm-restorepoints-18", CheckStatus.Warning, "UserErrorRpCollectionLimitReached")]
    [InlineData("Policy.BackupFrequency", "vm-standard-twice-daily", CheckStatus.Warning, null)]
    [InlineData("Disks.SupportedSize", "vm-disk-33tb", CheckStatus.Fail, "UserErrorUnsupportedDiskSize")]
    [InlineData("Disks.SupportedSize", "vm-encrypted-5tb", CheckStatus.Fail, "UserErrorUnsupportedDiskSize")]
    [InlineData("Disks.SupportedType", "vm-ephemeral-os", CheckStatus.Fail, null)]
    [InlineData("Disks.SupportedType", "vm-standard-ultra", CheckStatus.Fail, "NoCode.BackupOptionUnavailableDiskType")]
    [InlineData("Network.OutboundHttps", "vm-nsg-allow-ranges", CheckStatus.Warning, "ExtensionSnapshotFailedNoNetwork")]
    [InlineData("Disks.EncryptedDiskExclusion", "vm-encrypted-excluded", CheckStatus.Fail, "UserErrorEncryptedVmNotSupportedWithDiskEx")]
    [InlineData("Jobs.BackupInProgress", "vm-job-running", CheckStatus.Warning, "UserErrorBackupOperationInProgress")]
    [InlineData("Jobs.BackupInProgress", "vm-job-other-vault", CheckStatus.Warning, "UserErrorBackupOperationInProgress")]
    [InlineData("KeyVault.BackupAccess", "vm-encrypted-no-kv-access", CheckStatus.Fail, "UserErrorKeyvaultPermissionsNotConfigured")]
    [InlineData("KeyVault.BackupAccess", "vm-encrypted-kv-rbac-ro", CheckStatus.Fail, "UserErrorKeyvaultPermissionsNotConfigured")]
    [InlineData("Network.OutboundHttps", "vm-nsg-deny-https", CheckStatus.Fail, "ExtensionSnapshotFailedNoNetwork")]
    [InlineData("Network.OutboundHttps", "vm-subnet-nsg-deny", CheckStatus.Fail, "ExtensionSnapshotFailedNoNetwork")]
    [InlineData("Vault.ProtectedItemHealth", "vm-health-action-required", CheckStatus.Fail, null)]
    [InlineData("Vault.ProtectedItemHealth", "vm-health-action-suggested", CheckStatus.Warning, null)]
    [InlineData("Vault.Protection", "vm-unprotected", CheckStatus.Warning, null)]
    [InlineData("AzurePolicy.RestorePointCreation", "vm-policy-location", CheckStatus.Fail, "UserErrorRequestDisallowedByPolicy")]
    [InlineData("AzurePolicy.RestorePointCreation", "vm-policy-tag", CheckStatus.Fail, "UserErrorRequestDisallowedByPolicy")]
    [InlineData("AzurePolicy.RestorePointCreation", "vm-policy-types", CheckStatus.Fail, "UserErrorRequestDisallowedByPolicy")]
    [InlineData("AzurePolicy.RestorePointCreation", "vm-policy-nodelete", CheckStatus.Warning, "UserErrorRequestDisallowedByPolicy")] // denyAction on restore point deletes
    public void Each_condition_is_found_on_its_vm(string checkId, string vm, CheckStatus expected, string? code)
    {
        var result = _scan.Single(vm, checkId);
        Assert.True(expected == result.Status, $"{checkId} on {vm}: expected {expected}, got {result.Status}: {result.Message}");
        if (code != null) Assert.Contains(code, result.Codes);
        Assert.False(string.IsNullOrWhiteSpace(result.Remediation));
        Assert.NotEmpty(result.Evidence);
    }

    [Theory]
    [InlineData("KeyVault.BackupAccess", "vm-encrypted-kv-granted")]
    [InlineData("KeyVault.BackupAccess", "vm-encrypted-kv-rbac")]          // RBAC vault: Key Vault Administrator for Backup's objectId
    [InlineData("Network.OutboundHttps", "vm-nsg-allow-wins")]
    [InlineData("Disks.EncryptedDiskExclusion", "vm-encrypted-kv-granted")]
    [InlineData("RestorePoints.CollectionLimit", "vm-enhanced-ok")]      // 30 points: above 18, within what its Enhanced policy keeps
    [InlineData("RestorePoints.CleanupStalled", "vm-enhanced-ok")]
    [InlineData("Policy.BackupFrequency", "vm-hourly-policy")]           // a healthy hourly V2 policy is not warned about
    [InlineData("Policy.BackupFrequency", "vm-enhanced-ok")]
    [InlineData("Disks.SupportedType", "vm-enhanced-premiumv2")]         // Premium SSD v2 under an Enhanced policy
    [InlineData("RestorePoints.CollectionLimit", "vm-enhanced-premiumv2")]
    [InlineData("AzurePolicy.RestorePointCreation", "vm-policy-allowed")]    // allowed region, Audit effect, DoNotEnforce
    [InlineData("AzurePolicy.RestorePointCreation", "vm-policy-exempted")]   // a West-Europe-only deny, exempted at its restore-point group
    public void The_counter_examples_pass(string checkId, string vm)
    {
        var result = _scan.Single(vm, checkId);
        Assert.True(result.Status == CheckStatus.Pass, $"{checkId} on {vm}: {result.Status}: {result.Message}");
    }

    [Fact]
    public void Healthy_vms_pass_every_check_that_applies_to_them()
    {
        for (var i = 1; i <= 5; i++)
        {
            var results = _scan.For($"vm-healthy-0{i}").ToList();
            Assert.Equal(CheckCatalog.All.Count, results.Count);
            Assert.All(results, r => Assert.True(r.Status is CheckStatus.Pass or CheckStatus.Skipped, $"{r.VmName} {r.CheckId}: {r.Status}: {r.Message}"));
        }
    }

    [Fact]
    public void Every_check_fails_somewhere_and_passes_somewhere_in_the_demo()
    {
        foreach (var check in CheckCatalog.All)
        {
            var results = _scan.Results.Where(r => r.CheckId == check.Id).ToList();
            Assert.True(results.Any(r => r.Status is CheckStatus.Fail or CheckStatus.Warning), $"{check.Id} never fails in the demo");
            Assert.True(results.Any(r => r.Status == CheckStatus.Pass), $"{check.Id} never passes in the demo");
        }
    }

    [Fact]
    public void The_scan_has_no_errors_and_no_check_crashed()
    {
        Assert.Empty(_scan.Errors);
        Assert.DoesNotContain(_scan.Results, r => r.Status == CheckStatus.Error);
    }
}
