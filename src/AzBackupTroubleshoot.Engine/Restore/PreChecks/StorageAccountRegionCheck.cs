using System.Collections.Generic;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>Backup stages restored disks in the storage account, and it only writes to accounts in the vault's own region.</summary>
    public sealed class StorageAccountRegionCheck : RestorePreCheck
    {
        public override string Id => "Restore.StorageAccountRegion";
        public override int Order => 10;
        public override IReadOnlyList<string> Reads { get; } = new[] { nameof(RestoreFacts.StorageAccount), nameof(RestoreFacts.Vault) };
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreStorageAccountRegionMismatch" };

        public override CheckOutcome Evaluate(RestoreFacts facts, EvaluationContext context)
        {
            var account = facts.StorageAccount;
            if (!account.WasRequested) return CheckOutcome.Skipped(Text("noAccount"));
            if (SkipIfFailed(account, CheckText.Common("read.storageAccount")) is CheckOutcome skipped) return skipped;
            if (account.NotFound) return CheckOutcome.Skipped(Text("accountMissing"));
            if (SkipIfFailed(facts.Vault, CheckText.Common("read.vault")) is CheckOutcome vaultSkipped) return vaultSkipped;
            if (facts.VaultRegion == null) return CheckOutcome.Skipped(Text("vaultRegionUnknown"));

            var accountRegion = RestoreFacts.Region(account.Body);
            var evidence = new[]
            {
                new Evidence(account.Path, "location", account.Body.Str("location")),
                new Evidence(facts.VaultId ?? "", "location", facts.Vault.Body.Str("location")),
            };
            if (accountRegion == facts.VaultRegion)
                return CheckOutcome.Pass(Text("pass", ("region", facts.VaultRegion)), evidence);
            return CheckOutcome.Fail(
                Text("fail", ("accountRegion", CheckText.Or(accountRegion, "unknown")), ("vaultRegion", facts.VaultRegion)),
                Text("fix", ("vaultRegion", facts.VaultRegion)),
                evidence);
        }
    }
}
