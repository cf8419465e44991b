using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// One VM extension as seen in two places: the instance view (properties.instanceView.extensions[], what the agent
    /// reports) and the VM model's resources[] (the ARM extension resource and its provisioningState). Either may be missing.
    /// </summary>
    public sealed class VmExtension
    {
        /// <summary>The backup extension's type on Windows and on Linux (publisher.type, as the instance view spells it).</summary>
        public const string BackupExtensionWindows = "Microsoft.Azure.RecoveryServices.VMSnapshot";
        public const string BackupExtensionLinux = "Microsoft.Azure.RecoveryServices.VMSnapshotLinux";

        private VmExtension(string name) => Name = name;

        public string Name { get; }

        /// <summary>publisher.type, e.g. Microsoft.Azure.RecoveryServices.VMSnapshot.</summary>
        public string? Type { get; private set; }

        /// <summary>The full handler version the agent reports (instance view), e.g. 1.0.9170.0.</summary>
        public string? HandlerVersion { get; private set; }

        /// <summary>The extension resource's properties.provisioningState (model), e.g. Succeeded, Failed, Deleting.</summary>
        public string? ProvisioningState { get; private set; }

        /// <summary>The first instance-view status: code (ProvisioningState/failed/...), level and message.</summary>
        public string? StatusCode { get; private set; }
        public string? StatusLevel { get; private set; }
        public string? StatusMessage { get; private set; }

        /// <summary>JSON path in the VM of the instance-view entry / of the model entry, for evidence; null when absent.
        /// The entry is named by its extension name (<c>resources[name=VMSnapshot]</c>), not by its index: Resource Graph
        /// does not give the order ARM lists a VM's extensions in, and a path must name the same entry through either source.</summary>
        public string? ViewPath { get; private set; }
        public string? ModelPath { get; private set; }

        public bool IsBackupExtension
            => string.Equals(Type, BackupExtensionWindows, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Type, BackupExtensionLinux, StringComparison.OrdinalIgnoreCase);

        /// <summary>The model says Failed, or the agent reports a failed provisioning status or an Error-level status.</summary>
        public bool IsFailed
            => string.Equals(ProvisioningState, "Failed", StringComparison.OrdinalIgnoreCase)
            || (StatusCode != null && StatusCode.StartsWith("ProvisioningState/failed", StringComparison.OrdinalIgnoreCase))
            || string.Equals(StatusLevel, "Error", StringComparison.OrdinalIgnoreCase);

        /// <summary>Being removed (or stuck there): the model says Deleting, or the agent reports a deleting provisioning status.</summary>
        public bool IsDeleting
            => string.Equals(ProvisioningState, "Deleting", StringComparison.OrdinalIgnoreCase)
            || (StatusCode != null && StatusCode.StartsWith("ProvisioningState/deleting", StringComparison.OrdinalIgnoreCase));

        /// <summary>A short description of what is wrong, with the values seen: for messages.</summary>
        public string FailureSummary
        {
            get
            {
                var parts = new List<string>();
                if (ProvisioningState != null) parts.Add($"provisioningState {ProvisioningState}");
                if (StatusCode != null) parts.Add($"status {StatusCode}");
                if (!string.IsNullOrWhiteSpace(StatusMessage)) parts.Add($"message \"{Shorten(StatusMessage!)}\"");
                return $"'{Name}' ({string.Join(", ", parts)})";
            }
        }

        /// <summary>All extensions of a VM, joined by name across the instance view and the model's resources[].</summary>
        public static IReadOnlyList<VmExtension> ReadAll(JsonElement? vm)
        {
            var byName = new List<VmExtension>();
            VmExtension Get(string name)
            {
                var found = byName.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
                if (found == null) byName.Add(found = new VmExtension(name));
                return found;
            }

            var view = vm.Array("properties.instanceView.extensions");
            for (var i = 0; i < view.Count; i++)
            {
                var name = view[i].Str("name");
                if (name == null) continue;
                var ext = Get(name);
                ext.Type = view[i].Str("type") ?? ext.Type;
                ext.HandlerVersion = view[i].Str("typeHandlerVersion");
                ext.ViewPath = $"properties.instanceView.extensions[name={name}]";
                var statuses = view[i].Array("statuses");
                if (statuses.Count > 0)
                {
                    ext.StatusCode = statuses[0].Str("code");
                    ext.StatusLevel = statuses[0].Str("level");
                    ext.StatusMessage = statuses[0].Str("message");
                }
            }

            var model = vm.Array("resources");
            for (var i = 0; i < model.Count; i++)
            {
                if (!string.Equals(model[i].Str("type"), "Microsoft.Compute/virtualMachines/extensions", StringComparison.OrdinalIgnoreCase)) continue;
                var name = model[i].Str("name") ?? ArmIds.NameOf(model[i].Id());
                var ext = Get(name);
                var publisher = model[i].Str("properties.publisher");
                var type = model[i].Str("properties.type");
                if (ext.Type == null && publisher != null && type != null) ext.Type = publisher + "." + type;
                ext.ProvisioningState = model[i].Str("properties.provisioningState");
                ext.ModelPath = $"resources[name={name}]";
            }
            // Those only in the model follow by name, not in resources[] order, which Resource Graph does not give.
            return byName.Where(e => e.ViewPath != null)
                .Concat(byName.Where(e => e.ViewPath == null).OrderBy(e => e.Name, StringComparer.OrdinalIgnoreCase)).ToList();
        }

        private static string Shorten(string text) => text.Length <= 200 ? text : text.Substring(0, 200) + "...";
    }
}
