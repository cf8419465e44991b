using System.Collections.Generic;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>Backup stages restored disks in the storage account, and it only writes to accounts in the vault's own region.</summary>
    public sealed class StorageAccountRegionCheck : RestorePreCheck
    {
        public override string Id => "Restore.StorageAccountRegion";
        public override string Title => "Storage account is in the vault's region";
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreStorageAccountRegionMismatch" };

        public override CheckOutcome Evaluate(RestoreFacts facts)
        {
            var account = facts.StorageAccount;
            if (!account.WasRequested) return CheckOutcome.Skipped("No storage account was given.");
            if (SkipIfFailed(account, "storage account") is CheckOutcome skipped) return skipped;
            if (account.NotFound) return CheckOutcome.Skipped("The storage account does not exist (see Restore.StorageAccountAvailable).");
            if (SkipIfFailed(facts.Vault, "Recovery Services vault") is CheckOutcome vaultSkipped) return vaultSkipped;
            if (facts.VaultRegion == null) return CheckOutcome.Skipped("The vault's region is not known, so there is nothing to compare the account's region with.");

            var accountRegion = RestoreFacts.Region(account.Body);
            var evidence = new[]
            {
                new Evidence(account.Path, "location", account.Body.Str("location")),
                new Evidence(facts.VaultId ?? "", "location", facts.Vault.Body.Str("location")),
            };
            if (accountRegion == facts.VaultRegion)
                return CheckOutcome.Pass($"The storage account and the vault are both in {facts.VaultRegion}.", evidence);
            return CheckOutcome.Fail(
                $"The storage account is in {accountRegion ?? "an unknown region"} but the vault is in {facts.VaultRegion}; Backup cannot stage the restore in another region.",
                $"Pick (or create) a standard storage account in {facts.VaultRegion}, the vault's region, for the restore.",
                evidence);
        }
    }
}
