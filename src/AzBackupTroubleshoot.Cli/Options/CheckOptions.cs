using System;
using System.CommandLine;
using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Cli.Options
{
    /// <summary>Options about which checks run and what they may read, shared by readiness and failures.</summary>
    public static class CheckOptions
    {
        public static Option<string[]> Include() => Checks("--check", "run only these checks (repeatable; wildcards: 'Agent.*')");

        public static Option<string[]> Exclude() => Checks("--exclude-check", "leave these checks out (repeatable)");

        /// <summary>--tag: run the checks that carry any of these tags (with --check, the union of both).</summary>
        public static Option<string[]> Tag()
        {
            var option = OptionKit.Repeatable("--tag", "run the checks carrying any of these tags (repeatable; 'checks' lists each check's tags)", "tag");
            option.Validators.Add(result =>
            {
                var tags = result.GetValueOrDefault<string[]>();
                if (tags == null) return;
                if (OptionKit.EngineRule(() => CheckCatalog.Select(null, null, tags)) is string error) result.AddError($"--tag: {error}");
            });
            option.CompletionSources.Add(CheckCatalog.All.SelectMany(c => c.Tags).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(t => t, StringComparer.Ordinal).ToArray());
            return option;
        }

        /// <summary>Where a live scan reads its lists: auto (Resource Graph above 5 subscriptions), arm, resource-graph.</summary>
        public static Option<string> InventorySource() => OptionKit.Choice("--inventory-source",
            "where the inventory lists come from: auto (Azure Resource Graph when the scan spans more than 5 subscriptions, else ARM), arm, or resource-graph",
            "auto", "arm", "resource-graph");

        public static Collect.InventorySourceKind InventorySourceOf(string? value) => value switch
        {
            "arm" => Collect.InventorySourceKind.Arm,
            "resource-graph" => Collect.InventorySourceKind.ResourceGraph,
            _ => Collect.InventorySourceKind.Auto,
        };

        public static Option<bool> SkipRestorePoints() => OptionKit.Flag("--skip-restore-points",
            "do not read restore points (one request per collection); the restore point checks then skip");

        /// <summary>The Backup Management Service principal's object id in the tenant, so the key vault check can recognise its access policy.</summary>
        public static Option<string[]> BackupServiceObjectId()
        {
            var option = OptionKit.Repeatable("--backup-service-object-id",
                "object id of the Backup Management Service principal in your tenant (repeatable), for the key vault check", "guid");
            option.Validators.Add(result =>
            {
                foreach (var id in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
                    if (!Guid.TryParseExact(id, "D", out _)) result.AddError($"--backup-service-object-id must be a GUID, not '{OptionKit.Shown(id)}'.");
            });
            return option;
        }

        private static Option<string[]> Checks(string name, string description)
        {
            var option = OptionKit.Repeatable(name, description, "id|wildcard");
            option.Validators.Add(result =>
            {
                var patterns = result.GetValueOrDefault<string[]>();
                if (patterns == null) return;
                if (OptionKit.EngineRule(() => CheckCatalog.Select(patterns, null)) is string error) result.AddError($"{name}: {error}");
            });
            option.CompletionSources.Add(CheckCatalog.All.Select(c => c.Id).ToArray());
            return option;
        }
    }
}
