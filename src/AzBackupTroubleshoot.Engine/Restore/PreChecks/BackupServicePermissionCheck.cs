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
        public override int Order => 70;
        public override IReadOnlyList<string> Reads { get; } = new[] { nameof(RestoreFacts.VaultSubscription), nameof(RestoreFacts.TargetSubscription), nameof(RestoreFacts.RecoveryServicesRegistration), nameof(RestoreFacts.SourceVm), nameof(RestoreFacts.SourceOsDisk) };
        public override IReadOnlyList<string> ErrorCodes { get; } = new[]
        {
            "NoCode.RestoreBackupServiceNotAuthorized", InvalidTenant, NotRegistered, CrossRegion, Encrypted, TrustedLaunch, Unmanaged,
        };

        public override CheckOutcome Evaluate(RestoreFacts facts, EvaluationContext context)
        {
            if (facts.VaultId == null) return CheckOutcome.Skipped(Text("noVault"));
            if (!facts.IsCrossSubscription)
                return CheckOutcome.Pass(
                    Text("sameSubscription", ("subscription", facts.TargetSubscriptionId)),
                    new Evidence(facts.VaultId, "subscriptionId", facts.VaultSubscriptionId));

            var broken = new List<(string Code, CheckText Why)>();
            var unknown = new List<CheckText>();
            var evidence = new List<Evidence>();

            var vaultTenant = facts.VaultSubscription.Body.Str("tenantId");
            var targetTenant = facts.TargetSubscription.Body.Str("tenantId");
            evidence.Add(new Evidence(facts.VaultSubscription.Path, "tenantId", vaultTenant));
            evidence.Add(new Evidence(facts.TargetSubscription.Path, "tenantId", targetTenant));
            if (vaultTenant == null || targetTenant == null) unknown.Add(Text("unknownTenants"));
            else if (!string.Equals(vaultTenant, targetTenant, StringComparison.OrdinalIgnoreCase))
                broken.Add((InvalidTenant, Text("otherTenant", ("targetTenant", targetTenant), ("vaultTenant", vaultTenant))));

            var registration = facts.RecoveryServicesRegistration.Body.Str("registrationState");
            evidence.Add(new Evidence(facts.RecoveryServicesRegistration.Path, "registrationState", registration));
            if (registration == null) unknown.Add(Text("unknownRegistration"));
            else if (!string.Equals(registration, "Registered", StringComparison.OrdinalIgnoreCase))
                broken.Add((NotRegistered, Text("notRegistered", ("state", registration))));

            if (facts.TargetRegion != null && facts.VaultRegion != null && facts.TargetRegion != facts.VaultRegion)
                broken.Add((CrossRegion, Text("crossRegion", ("vaultRegion", facts.VaultRegion), ("targetRegion", facts.TargetRegion))));

            if (facts.SourceVm.Body is JsonElement vm) AddSourceVmRules(facts, vm, broken, unknown, evidence);
            else unknown.Add(facts.SourceVm.NotFound ? Text("unknownVmGone") : Text("unknownVm"));

            if (broken.Count > 0)
                return CheckOutcome.Fail(
                    Text("fail", ("vaultSubscription", facts.VaultSubscriptionId), ("targetSubscription", facts.TargetSubscriptionId), ("problems", new CheckTextList("; ", broken.Select(b => b.Why)))),
                    Text("fix"),
                    evidence.ToArray()).WithCodes(broken.Select(b => b.Code).ToArray());
            if (unknown.Count > 0)
                return CheckOutcome.Skipped(Text("unknown", ("unknown", new CheckTextList("; ", unknown))), evidence.ToArray());
            return CheckOutcome.Pass(
                Text("pass", ("targetSubscription", facts.TargetSubscriptionId)),
                evidence.ToArray());
        }

        private void AddSourceVmRules(RestoreFacts facts, JsonElement vm, List<(string, CheckText)> broken, List<CheckText> unknown, List<Evidence> evidence)
        {
            var securityType = vm.Str("properties.securityProfile.securityType");
            evidence.Add(new Evidence(facts.SourceVmId, "properties.securityProfile.securityType", securityType));
            if (string.Equals(securityType, "TrustedLaunch", StringComparison.OrdinalIgnoreCase))
                broken.Add((TrustedLaunch, Text("trustedLaunch")));

            var osDisk = VmDisk.ReadAll(vm, id => ArmIds.Same(id, facts.SourceOsDisk.Path) ? facts.SourceOsDisk.Body : null).FirstOrDefault(d => d.IsOsDisk);
            if (osDisk == null) return;
            evidence.Add(new Evidence(facts.SourceVmId, "properties.storageProfile.osDisk.managedDisk.id", osDisk.IsManaged ? "present" : null));
            if (!osDisk.IsManaged) broken.Add((Unmanaged, Text("unmanaged")));
            if (osDisk.IsManaged && facts.SourceOsDisk.Failed) unknown.Add(Text("unknownEncryption", ("reason", facts.SourceOsDisk.FailureReason)));
            if (osDisk.IsAdeEncrypted)
            {
                evidence.Add(new Evidence(osDisk.ResourceId, osDisk.EncryptionPath, "true"));
                broken.Add((Encrypted, Text("encrypted")));
            }
        }
    }
}
