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
        public override int Order => 30;
        public override IReadOnlyList<string> Reads { get; } = new[] { nameof(RestoreFacts.StorageAccount) };
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "NoCode.RestoreStorageAccountOffline" };

        public override CheckOutcome Evaluate(RestoreFacts facts, EvaluationContext context)
        {
            var account = facts.StorageAccount;
            if (!account.WasRequested) return CheckOutcome.Skipped(Text("noAccount"));
            if (SkipIfFailed(account, CheckText.Common("read.storageAccount")) is CheckOutcome skipped) return skipped;
            if (account.NotFound)
                return CheckOutcome.Fail(
                    Text("missing", ("account", account.Path)),
                    Text("fixMissing"),
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
                    Text("notProvisioned", ("state", CheckText.Or(provisioning, "notReported"))),
                    Text("fixNotProvisioned"),
                    evidence);
            if (!string.Equals(primary, "available", StringComparison.OrdinalIgnoreCase))
                return CheckOutcome.Fail(
                    Text("unavailable", ("status", CheckText.Or(primary, "unknown"))),
                    Text("fixUnavailable"),
                    evidence);
            return CheckOutcome.Pass(Text("pass"), evidence);
        }
    }
}
