using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Inventory;

namespace AzBackupTroubleshoot.Checks.KeyVault
{
    /// <summary>
    /// To back up a VM encrypted with Azure Disk Encryption, the Backup Management Service must be able to read and back up
    /// the disk keys in the key vault (<see cref="VaultNeed"/>). A vault with access policies is judged by its policies; a
    /// vault using Azure RBAC by the role assignments that apply at it. ARM names principals by objectId only and cannot
    /// tell which one is Backup's unless a policy names its application, so an unattributable grant is a warning to
    /// verify, not a pass.
    /// </summary>
    public sealed class BackupAccessCheck : ReadinessCheck
    {
        /// <summary>Backup Management Service application ids: Azure public cloud, Azure Government.</summary>
        public static readonly string[] BackupApplicationIds = { "262044b1-e2ce-469f-a196-69ab7ada62d3", "ff281ffe-705c-4f53-9f37-a40e6f2c68f3" };

        /// <summary>The role Microsoft documents for Backup on an RBAC vault (backup-azure-vms-encryption).</summary>
        public const string DocumentedRole = "Key Vault Administrator";

        public override string Id => "KeyVault.BackupAccess";
        public override int Order => 200;
        public override IReadOnlyList<string> Reads { get; } = new[] { InventoryParts.VirtualMachines, InventoryParts.Disks, InventoryParts.KeyVaults };
        public override CheckSeverity Severity => CheckSeverity.Critical;
        public override IReadOnlyList<string> ErrorCodes { get; } = new[] { "UserErrorKeyvaultPermissionsNotConfigured" };
        public override IReadOnlyList<string> Tags { get; } = new[] { "encryption", "keyvault" };

        public override CheckOutcome Evaluate(VmInventory vm, EvaluationContext context)
        {
            var keys = vm.AllDisks.Where(d => d.IsAdeEncrypted).SelectMany(d => d.AdeKeys).ToList();
            if (keys.Count == 0)
                return CheckOutcome.Skipped(Text("notEncrypted"));
            if (SkipIfUnavailable(vm, InventoryParts.KeyVaults) is CheckOutcome skipped) return skipped;

            // An access policy that names Backup's application id tells us its objectId; policies elsewhere that carry only
            // that objectId (how a policy granted to the service principal is stored), and role assignments to it, are Backup's.
            var learned = vm.KeyVaults.SelectMany(v => v.Array("properties.accessPolicies"))
                .Where(p => BackupApplicationIds.Contains(p.Str("applicationId") ?? "", StringComparer.OrdinalIgnoreCase))
                .Select(p => p.Str("objectId")).Where(o => !string.IsNullOrEmpty(o)).Select(o => o!);
            var backupIds = context.BackupServiceObjectIds.Concat(learned).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var f = new Findings();
            foreach (var need in VaultNeed.For(keys))
            {
                var kv = vm.KeyVaults.Cast<JsonElement?>().FirstOrDefault(v => ArmIds.Same(v!.Value.Id(), need.VaultId));
                if (kv == null) f.Unreadable.Add(Text("vaultUnreadable", ("vault", ArmIds.NameOf(need.VaultId))));
                else if (kv.Value.Bool("properties.enableRbacAuthorization") == true) JudgeRoleAssignments(vm, need, backupIds, f);
                else JudgeAccessPolicies(kv.Value, need, backupIds, f);
            }

            var evidence = f.Evidence.ToArray();
            if (f.Failures.Count > 0)
                return CheckOutcome.Fail(Text("fail", ("problems", new CheckTextList("; ", f.Failures.Concat(f.Warnings).Concat(f.Unreadable)))), Fix(f), evidence);
            if (f.Warnings.Count > 0)
                return CheckOutcome.Warning(Text("warning", ("problems", new CheckTextList("; ", f.Warnings.Concat(f.Unreadable)))), Text("fix"), evidence);
            if (f.Unreadable.Count > 0)
                return CheckOutcome.Skipped(Text("unreadable", ("problems", new CheckTextList("; ", f.Unreadable))), evidence.Concat(
                    keys.Select(k => new Evidence(k.ResourceId, "properties.encryptionSettingsCollection.encryptionSettings[].diskEncryptionKey.sourceVault.id", k.SecretVaultId))).ToArray());
            return CheckOutcome.Pass(Text("pass", ("vaults", new CheckTextList(", ", f.Passes))), evidence);
        }

        private void JudgeAccessPolicies(JsonElement kv, VaultNeed need, IReadOnlyList<string> backupIds, Findings f)
        {
            var name = kv.Str("name") ?? ArmIds.NameOf(need.VaultId);
            var policies = kv.Array("properties.accessPolicies");
            f.Evidence.Add(new Evidence(need.VaultId, "properties.accessPolicies.length", policies.Count.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            var granting = policies.Select((p, i) => (Policy: p, Index: i)).Where(p => need.GrantedBy(p.Policy)).ToList();
            var backupPolicies = policies.Select((p, i) => (Policy: p, Index: i)).Where(p => IsBackups(backupIds, p.Policy)).ToList();
            f.Evidence.AddRange(granting.Select(p => new Evidence(need.VaultId, $"properties.accessPolicies[{p.Index}].objectId", p.Policy.Str("objectId"))));
            f.Evidence.AddRange(backupPolicies.Select(p => new Evidence(need.VaultId, $"properties.accessPolicies[{p.Index}].permissions", Permissions(p.Policy))));

            if (backupPolicies.Any(p => need.GrantedBy(p.Policy)))
                f.Passes.Add(Text("passPolicy", ("vault", name)));
            else if (backupPolicies.Count > 0)
                f.Failures.Add(Text("backupPolicyTooNarrow", ("vault", name), ("granted", Permissions(backupPolicies[0].Policy)), ("needs", Describe(need))));
            else if (granting.Count == 0)
                f.Failures.Add(Text("noPolicyGrants", ("vault", name), ("needs", Describe(need)), ("count", policies.Count)));
            else
                f.Warnings.Add(Text("unattributed", ("vault", name), ("count", granting.Count), ("needs", Describe(need)),
                    ("objectIds", string.Join(", ", granting.Select(g => g.Policy.Str("objectId"))))));
        }

        /// <summary>
        /// An RBAC vault: Backup's grants are the assignments to its objectId (given or learned), added up; a group's may
        /// add to them (ARM does not say who is a member), so a gap that groups fill is a warning. Without its objectId,
        /// assignments that between them grant enough may be Backup's (a warning naming them); what no assignment grants,
        /// nobody has (a fail either way). Assignments that were not read, or roles whose definition was not, never pass.
        /// </summary>
        private void JudgeRoleAssignments(VmInventory vm, VaultNeed need, IReadOnlyList<string> backupIds, Findings f)
        {
            var name = ArmIds.NameOf(need.VaultId);
            f.Evidence.Add(new Evidence(need.VaultId, "properties.enableRbacAuthorization", "true"));
            if (vm.IsUnavailable(InventoryParts.RoleAssignmentsOf(need.VaultId), out var reason) || vm.IsUnavailable(InventoryParts.RoleAssignments, out reason))
            {
                f.Evidence.Add(new Evidence(need.VaultId, "providers/Microsoft.Authorization/roleAssignments", reason));
                f.Unreadable.Add(Text("rbacUnreadable", ("vault", name), ("reason", reason)));
                return;
            }
            var here = vm.RoleAssignments.Where(r => ArmIds.Same(r.KeyVaultId, need.VaultId)).ToList();
            var backups = here.Where(r => backupIds.Contains(RoleGrants.PrincipalOf(r), StringComparer.OrdinalIgnoreCase)).ToList();
            // Who else may be Backup: with its objectId known, only groups; without it, anyone.
            var others = backupIds.Count > 0 ? here.Where(RoleGrants.IsGroup).ToList() : here;
            var missing = RoleGrants.Missing(need.DataActions, backups);
            var stillMissing = RoleGrants.Missing(missing, others);
            var helpers = RoleGrants.PrincipalsGrantingAny(missing, others);
            f.Evidence.AddRange(backups.Concat(others.Where(r => helpers.Contains(RoleGrants.PrincipalOf(r), StringComparer.OrdinalIgnoreCase))).Select(AsEvidence));
            if (backupIds.Count > 0 && missing.Count == 0)
                f.Passes.Add(Text("passRbac", ("vault", name), ("roles", string.Join(", ", backups.Select(RoleGrants.RoleName).Distinct()))));
            else if (stillMissing.Count == 0)
                f.Warnings.Add(backupIds.Count > 0
                    ? Text("rbacGroupOnly", ("vault", name), ("needs", string.Join(", ", missing)), ("groups", string.Join(", ", helpers)))
                    : Text("rbacUnattributed", ("vault", name), ("needs", string.Join(", ", need.DataActions)), ("principals", string.Join(", ", helpers))));
            else if (backups.Concat(others).Any(r => r.Definition == null))
                f.Unreadable.Add(Text("rbacRoleUnread", ("vault", name), ("roles", string.Join(", ", backups.Concat(others).Where(r => r.Definition == null).Select(RoleGrants.RoleName).Distinct()))));
            else
            {
                f.Failures.Add(backupIds.Count > 0
                    ? Text("rbacMissing", ("vault", name), ("missing", string.Join(", ", missing)), ("count", backups.Count))
                    : Text("rbacNoneGrants", ("vault", name), ("missing", string.Join(", ", stillMissing)), ("count", here.Count)));
                f.RbacFixes.Add(Commands(need.VaultId, backupIds.FirstOrDefault()));
            }
        }

        private static Evidence AsEvidence(RoleAssignmentFacts r)
            => new(r.Assignment.Id(), "properties.roleDefinitionId", $"{r.Assignment.Str("properties.roleDefinitionId")} ({RoleGrants.RoleName(r)}) for {RoleGrants.PrincipalOf(r)}");

        /// <summary>The documented role for Backup at the vault: by its objectId when known, else by its application id.</summary>
        private CheckText Commands(string vaultId, string? objectId)
        {
            var ps = objectId != null ? "-ObjectId " + ShellQuote.PowerShell(objectId) : "-ApplicationId " + ShellQuote.PowerShell(BackupApplicationIds[0]);
            var az = objectId != null ? $"--assignee-object-id {ShellQuote.Posix(objectId)} --assignee-principal-type ServicePrincipal" : "--assignee " + ShellQuote.Posix(BackupApplicationIds[0]);
            return Text("rbacCommands",
                ("powershell", $"New-AzRoleAssignment {ps} -RoleDefinitionName {ShellQuote.PowerShell(DocumentedRole)} -Scope {ShellQuote.PowerShell(vaultId)}"),
                ("cli", $"az role assignment create {az} --role {ShellQuote.Posix(DocumentedRole)} --scope {ShellQuote.Posix(vaultId)}"));
        }

        private CheckText Fix(Findings f)
        {
            if (f.RbacFixes.Count == 0) return Text("fix");
            var rbac = Text("fixRbac", ("role", DocumentedRole), ("commands", new CheckTextList("; ", f.RbacFixes)));
            return f.Failures.Count > f.RbacFixes.Count ? Text("fixBoth", ("policies", Text("fix")), ("rbac", rbac)) : rbac;
        }

        /// <summary>
        /// Backup's policy: named by its application id, or by an object id the user told us is Backup's principal, or by
        /// one learned from a policy (in any of the VM's key vaults) that names Backup's application.
        /// </summary>
        private static bool IsBackups(IReadOnlyList<string> backupIds, JsonElement policy)
            => BackupApplicationIds.Contains(policy.Str("applicationId") ?? "", StringComparer.OrdinalIgnoreCase)
               || backupIds.Contains(policy.Str("objectId") ?? "", StringComparer.OrdinalIgnoreCase);

        /// <summary>"keys get/list/backup", "secrets get/list", or both.</summary>
        private CheckText Describe(VaultNeed need)
        {
            string Join(HashSet<string> names) => string.Join("/", names);
            if (need.Keys.Count > 0 && need.Secrets.Count > 0) return Text("needsKeysAndSecrets", ("keys", Join(need.Keys)), ("secrets", Join(need.Secrets)));
            return need.Keys.Count > 0 ? Text("needsKeys", ("keys", Join(need.Keys))) : Text("needsSecrets", ("secrets", Join(need.Secrets)));
        }

        private static string Permissions(JsonElement policy)
            => $"keys [{string.Join(",", policy.Array("permissions.keys").Select(p => p.GetString()))}] secrets [{string.Join(",", policy.Array("permissions.secrets").Select(p => p.GetString()))}]";

        /// <summary>What the vaults of one VM came to, gathered before the outcome is chosen.</summary>
        private sealed class Findings
        {
            public List<CheckText> Failures { get; } = new List<CheckText>();
            public List<CheckText> Warnings { get; } = new List<CheckText>();
            public List<CheckText> Unreadable { get; } = new List<CheckText>();
            public List<CheckText> Passes { get; } = new List<CheckText>();
            public List<CheckText> RbacFixes { get; } = new List<CheckText>();
            public List<Evidence> Evidence { get; } = new List<Evidence>();
        }
    }
}
