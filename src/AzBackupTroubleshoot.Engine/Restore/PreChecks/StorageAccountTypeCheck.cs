using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>
    /// Restore stages disks in a standard general-purpose account with local or geo-redundant replication (the seeds:
    /// "Basic/Standard with LRS or GRS"). Premium accounts, zone-redundant replication and the special-purpose kinds
    /// (BlobStorage, BlockBlobStorage, FileStorage, which hold no page blobs) are refused.
    /// </summary>
    public sealed class StorageAccountTypeCheck : RestorePreCheck
    {
        private static readonly string[] GeneralPurposeKinds = { "Storage", "StorageV2" };
        // RA-GRS is GRS replication with read access to the secondary; the replication itself is what the rule is about.
        private static readonly string[] SupportedSkus = { "Standard_LRS", "Standard_GRS", "Standard_RAGRS" };

        public override string Id => "Restore.StorageAccountType";
        public override string Title => "Storage account type supports restore";
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreStorageAccountUnsupported" };

        public override CheckOutcome Evaluate(RestoreFacts facts)
        {
            var account = facts.StorageAccount;
            if (!account.WasRequested) return CheckOutcome.Skipped("No storage account was given.");
            if (SkipIfFailed(account, "storage account") is CheckOutcome skipped) return skipped;
            if (account.NotFound) return CheckOutcome.Skipped("The storage account does not exist (see Restore.StorageAccountAvailable).");

            var sku = account.Body.Str("sku.name") ?? "";
            var kind = account.Body.Str("kind") ?? "";
            var evidence = new[] { new Evidence(account.Path, "sku.name", sku), new Evidence(account.Path, "kind", kind) };
            var problem =
                sku.StartsWith("Premium", StringComparison.OrdinalIgnoreCase) ? $"it is a premium account ({sku})"
                : sku.IndexOf("ZRS", StringComparison.OrdinalIgnoreCase) >= 0 ? $"its replication is zone-redundant ({sku})"
                : Array.Exists(GeneralPurposeKinds, k => k.Equals(kind, StringComparison.OrdinalIgnoreCase)) ? null
                : $"its kind is {(kind.Length == 0 ? "not reported" : kind)}, not a general-purpose account";
            if (problem == null && !Array.Exists(SupportedSkus, s => s.Equals(sku, StringComparison.OrdinalIgnoreCase)))
                problem = $"its sku {(sku.Length == 0 ? "is not reported" : sku)} is not standard LRS or GRS";

            if (problem == null)
                return CheckOutcome.Pass($"The storage account is a general-purpose {kind} account with {sku} replication, which restore supports.", evidence);
            return CheckOutcome.Fail(
                $"Restore cannot stage disks in this storage account: {problem}.",
                "Use a general-purpose (StorageV2) standard account with locally redundant or geo-redundant replication (Standard_LRS or Standard_GRS) in the vault's region.",
                evidence);
        }
    }
}
