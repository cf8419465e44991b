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
        public override int Order => 20;
        public override IReadOnlyList<string> Reads { get; } = new[] { nameof(RestoreFacts.StorageAccount) };
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreStorageAccountUnsupported" };

        public override CheckOutcome Evaluate(RestoreFacts facts, EvaluationContext context)
        {
            var account = facts.StorageAccount;
            if (!account.WasRequested) return CheckOutcome.Skipped(Text("noAccount"));
            if (SkipIfFailed(account, CheckText.Common("read.storageAccount")) is CheckOutcome skipped) return skipped;
            if (account.NotFound) return CheckOutcome.Skipped(Text("accountMissing"));

            var sku = account.Body.Str("sku.name") ?? "";
            var kind = account.Body.Str("kind") ?? "";
            var evidence = new[] { new Evidence(account.Path, "sku.name", sku), new Evidence(account.Path, "kind", kind) };
            var problem =
                sku.StartsWith("Premium", StringComparison.OrdinalIgnoreCase) ? Text("premium", ("sku", sku))
                : sku.IndexOf("ZRS", StringComparison.OrdinalIgnoreCase) >= 0 ? Text("zoneRedundant", ("sku", sku))
                : Array.Exists(GeneralPurposeKinds, k => k.Equals(kind, StringComparison.OrdinalIgnoreCase)) ? null
                : Text("kind", ("kind", CheckText.Or(kind.Length == 0 ? null : kind, "notReported")));
            if (problem == null && !Array.Exists(SupportedSkus, s => s.Equals(sku, StringComparison.OrdinalIgnoreCase)))
                problem = Text("sku", ("sku", CheckText.Or(sku.Length == 0 ? null : sku, "notReported")));

            if (problem == null)
                return CheckOutcome.Pass(Text("pass", ("kind", kind), ("sku", sku)), evidence);
            return CheckOutcome.Fail(
                Text("fail", ("problem", problem)),
                Text("fix"),
                evidence);
        }
    }
}
