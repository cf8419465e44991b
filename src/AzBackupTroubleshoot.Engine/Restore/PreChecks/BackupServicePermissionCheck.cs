using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>
    /// Whether Backup may create the VM where it is asked to. What ARM shows honestly is the cross-subscription rules:
    /// the target subscription must share the vault's tenant and have Microsoft.RecoveryServices registered, the restore
    /// must stay in the vault's region, and the source VM must not be encrypted, Trusted Launch or on unmanaged disks.
    /// Backup's own role assignments are not read: its first-party identity differs per tenant and needs Graph to resolve.
    /// </summary>
    public sealed class BackupServicePermissionCheck : RestorePreCheck
    {
        private const string InvalidTenant = "UserErrorCrossSubscriptionRestoreInvalidTenant";
        private const string NotRegistered = "UserErrorCrossSubscriptionRestoreInvalidTargetSubscription";
        private const string CrossRegion = "UserErrorCrossSubscriptionRestoreNotSuppportedForCRR";
        private const string Encrypted = "UserErrorCrossSubscriptionRestoreNotSuppportedForEncryptedAzureVM";
        private const string TrustedLaunch = "UserErrorCrossSubscriptionRestoreNotSuppportedForTrustedLaunchAzureVM";
        private const string Unmanaged = "UserErrorCrossSubscriptionRestoreNotSuppportedForUnManagedAzureVM";

        public override string Id => "Restore.BackupServicePermission";
        public override string Title => "Backup may restore into the target subscription";
        public override IReadOnlyList<string> ErrorCodes { get; } = new[]
        {
            "NoCode.RestoreBackupServiceNotAuthorized", InvalidTenant, NotRegistered, CrossRegion, Encrypted, TrustedLaunch, Unmanaged,
        };

        public override CheckOutcome Evaluate(RestoreFacts facts)
        {
            if (facts.VaultId == null) return CheckOutcome.Skipped("The vault is not known, so the restore's subscriptions cannot be compared.");
            if (!facts.IsCrossSubscription)
                return CheckOutcome.Pass(
                    $"The restore stays in the vault's subscription {facts.TargetSubscriptionId}, so no cross-subscription rule applies. (Backup's own access there is not visible through ARM.)",
                    new Evidence(facts.VaultId, "subscriptionId", facts.VaultSubscriptionId));

            var broken = new List<(string Code, string Why)>();
            var unknown = new List<string>();
            var evidence = new List<Evidence>();

            var vaultTenant = facts.VaultSubscription.Body.Str("tenantId");
            var targetTenant = facts.TargetSubscription.Body.Str("tenantId");
            evidence.Add(new Evidence(facts.VaultSubscription.Path, "tenantId", vaultTenant));
            evidence.Add(new Evidence(facts.TargetSubscription.Path, "tenantId", targetTenant));
            if (vaultTenant == null || targetTenant == null) unknown.Add("the subscriptions' tenants (a subscription could not be read)");
            else if (!string.Equals(vaultTenant, targetTenant, StringComparison.OrdinalIgnoreCase))
                broken.Add((InvalidTenant, $"the target subscription belongs to tenant {targetTenant}, the vault's to {vaultTenant}"));

            var registration = facts.RecoveryServicesRegistration.Body.Str("registrationState");
            evidence.Add(new Evidence(facts.RecoveryServicesRegistration.Path, "registrationState", registration));
            if (registration == null) unknown.Add("the Microsoft.RecoveryServices registration of the target subscription");
            else if (!string.Equals(registration, "Registered", StringComparison.OrdinalIgnoreCase))
                broken.Add((NotRegistered, $"Microsoft.RecoveryServices is {registration} in the target subscription"));

            if (facts.TargetRegion != null && facts.VaultRegion != null && facts.TargetRegion != facts.VaultRegion)
                broken.Add((CrossRegion, $"it also crosses regions ({facts.VaultRegion} to {facts.TargetRegion}), and the two cannot be combined"));

            if (facts.SourceVm.Body is JsonElement vm) AddSourceVmRules(facts, vm, broken, unknown, evidence);
            else unknown.Add("the source VM's disks and security type (the VM could not be read" + (facts.SourceVm.NotFound ? ": it no longer exists)" : ")"));

            if (broken.Count > 0)
                return CheckOutcome.Fail(
                    $"This restore crosses from subscription {facts.VaultSubscriptionId} to {facts.TargetSubscriptionId}, and Backup will refuse it: {string.Join("; ", broken.Select(b => b.Why))}.",
                    "Restore into the vault's own subscription, or fix what is listed: same tenant, Microsoft.RecoveryServices registered in the target subscription (creating a vault there registers it), same region; encrypted, Trusted Launch and unmanaged-disk VMs can only be restored within their subscription.",
                    evidence.ToArray()).WithCodes(broken.Select(b => b.Code).ToArray());
            if (unknown.Count > 0)
                return CheckOutcome.Skipped("Not evaluated: a cross-subscription restore, but these could not be read: " + string.Join("; ", unknown) + ".", evidence.ToArray());
            return CheckOutcome.Pass(
                $"Cross-subscription restore into {facts.TargetSubscriptionId}: same tenant, Microsoft.RecoveryServices registered, same region, and the VM is neither encrypted, Trusted Launch nor on unmanaged disks.",
                evidence.ToArray());
        }

        private static void AddSourceVmRules(RestoreFacts facts, JsonElement vm, List<(string, string)> broken, List<string> unknown, List<Evidence> evidence)
        {
            var securityType = vm.Str("properties.securityProfile.securityType");
            evidence.Add(new Evidence(facts.SourceVmId, "properties.securityProfile.securityType", securityType));
            if (string.Equals(securityType, "TrustedLaunch", StringComparison.OrdinalIgnoreCase))
                broken.Add((TrustedLaunch, "the VM uses Trusted Launch"));

            var osDisk = VmDisk.ReadAll(vm, id => ArmIds.Same(id, facts.SourceOsDisk.Path) ? facts.SourceOsDisk.Body : null).FirstOrDefault(d => d.IsOsDisk);
            if (osDisk == null) return;
            evidence.Add(new Evidence(facts.SourceVmId, "properties.storageProfile.osDisk.managedDisk.id", osDisk.IsManaged ? "present" : null));
            if (!osDisk.IsManaged) broken.Add((Unmanaged, "the VM's disks are unmanaged"));
            if (osDisk.IsManaged && facts.SourceOsDisk.Failed) unknown.Add("the encryption of the VM's OS disk (" + facts.SourceOsDisk.FailureReason + ")");
            if (osDisk.IsAdeEncrypted)
            {
                evidence.Add(new Evidence(osDisk.ResourceId, osDisk.EncryptionPath, "true"));
                broken.Add((Encrypted, "the VM is encrypted with Azure Disk Encryption"));
            }
        }
    }
}
