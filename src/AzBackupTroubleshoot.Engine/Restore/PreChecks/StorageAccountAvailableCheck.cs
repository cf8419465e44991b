using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Restore.PreChecks
{
    /// <summary>
    /// The account must exist, be fully provisioned and have its primary endpoint available; an account in an outage
    /// (statusOfPrimary "unavailable") makes the restore fail as "not online".
    /// </summary>
    public sealed class StorageAccountAvailableCheck : RestorePreCheck
    {
        public override string Id => "Restore.StorageAccountAvailable";
        public override string Title => "Storage account exists and is online";
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreStorageAccountOffline" };

        public override CheckOutcome Evaluate(RestoreFacts facts)
        {
            var account = facts.StorageAccount;
            if (!account.WasRequested) return CheckOutcome.Skipped("No storage account was given.");
            if (SkipIfFailed(account, "storage account") is CheckOutcome skipped) return skipped;
            if (account.NotFound)
                return CheckOutcome.Fail(
                    $"The storage account {account.Path} does not exist.",
                    "Check the account id (subscription, resource group, name), or create the account in the vault's region.",
                    new Evidence(account.Path, "(GET)", "404 " + account.Error!.ErrorCode));

            var provisioning = account.Body.Str("properties.provisioningState");
            var primary = account.Body.Str("properties.statusOfPrimary");
            var evidence = new[]
            {
                new Evidence(account.Path, "properties.provisioningState", provisioning),
                new Evidence(account.Path, "properties.statusOfPrimary", primary),
            };
            if (!string.Equals(provisioning, "Succeeded", StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Fail(
                    $"The storage account is not ready: its provisioning state is {provisioning ?? "not reported"}.",
                    "Wait until the account finishes provisioning, or pick another account.",
                    evidence);
            if (!string.Equals(primary, "available", StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Fail(
                    $"The storage account's primary endpoint is {primary ?? "of unknown status"}, so restore cannot write to it.",
                    "Check Azure Service Health for a storage outage in the region; retry later or use another account.",
                    evidence);
            return CheckOutcome.Pass("The storage account is provisioned and its primary endpoint is available.", evidence);
        }
    }
}
