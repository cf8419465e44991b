using System;
using System.Collections.Generic;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// What every check is, whatever it looks at: its definition (id, severity, the error codes it predicts, tags, the
    /// repair, its documentation page, the parts of the facts it reads). Everything else about a check is derived from
    /// this: the catalog finds it by reflection, the docs index and each page's header are generated from it, and the
    /// knowledge base's detectedBy follows its codes. Its texts live in knowledge/check-texts.json under "&lt;Id&gt;.&lt;key&gt;".
    /// A check evaluates one kind of facts: see <see cref="Check{TFacts}"/>.
    /// </summary>
    public abstract class Check
    {
        /// <summary>Stable id, "&lt;Area&gt;.&lt;Thing&gt;", e.g. "Agent.Ready". Never renamed: users filter and suppress by it.</summary>
        public abstract string Id { get; }

        /// <summary>The part of the id before the dot ("Agent"): how docs and tables group checks.</summary>
        public string Area => Id.Substring(0, Math.Max(0, Id.IndexOf('.')));

        /// <summary>A short title for tables and docs, in English (the "&lt;Id&gt;.title" text).</summary>
        public string Title => TitleIn(KnowledgeLanguage.En);

        /// <summary>The title in <paramref name="language"/>; a check without texts (a test double) is titled by its id.</summary>
        public string TitleIn(KnowledgeLanguage language) => CheckText.TitleOf(Id, language);

        /// <summary>How bad a failure of this check is.</summary>
        public abstract CheckSeverity Severity { get; }

        /// <summary>The Azure Backup error codes (as in the knowledge base) this check predicts.</summary>
        public abstract IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>Tags for selecting checks (-Tag, --tag): "agent", "network", "locks", ...</summary>
        public virtual IReadOnlyList<string> Tags => Array.Empty<string>();

        /// <summary>The command that repairs a failure of this check, when there is one.</summary>
        public virtual string? RepairCommand => null;

        /// <summary>Relative path of the check's documentation page.</summary>
        public virtual string DocPage => $"docs/checks/{Id}.md";

        /// <summary>The parts of the facts the check reads (for a VM: <see cref="Inventory.InventoryParts"/> names).</summary>
        public abstract IReadOnlyList<string> Reads { get; }

        /// <summary>Where the check's result comes among a subject's results (lower first; ties by id).</summary>
        public virtual int Order => 1000;

        /// <summary>The type of facts the check evaluates (a VM's inventory, a restore's facts).</summary>
        public abstract Type FactsType { get; }

        /// <summary>This check's text <paramref name="key"/> with its placeholder values.</summary>
        protected internal CheckText Text(string key, params (string Name, object? Value)[] args) => CheckText.Of(Id, key, args);

        /// <summary>What the result says when the evaluation itself threw.</summary>
        internal virtual CheckText Crashed(string error) => CheckText.Common("checkFailed", ("error", error));
    }

    /// <summary>
    /// A check over one kind of facts: a pure function of the facts and the <see cref="EvaluationContext"/> (time,
    /// language, identities the caller gave). It never calls Azure; missing data is a Skipped outcome, never a pass.
    /// </summary>
    public abstract class Check<TFacts> : Check where TFacts : ICheckFacts
    {
        public sealed override Type FactsType => typeof(TFacts);

        /// <summary>Whether the check has anything to say about these facts at all (else it gives no result).</summary>
        public virtual bool AppliesTo(TFacts facts) => true;

        public abstract CheckOutcome Evaluate(TFacts facts, EvaluationContext context);
    }

    /// <summary>Facts a check evaluates: they name the VM a result is about.</summary>
    public interface ICheckFacts
    {
        CheckSubject Subject { get; }
    }

    /// <summary>The VM a result is about (for a restore, the VM being restored; empty when unknown).</summary>
    public sealed record CheckSubject(string VmId, string VmName, string ResourceGroup, string SubscriptionId)
    {
        public static CheckSubject FromVmId(string vmId)
            => new(vmId, vmId.Length == 0 ? "" : Arm.ArmIds.NameOf(vmId), Arm.ArmIds.ResourceGroupOf(vmId) ?? "", Arm.ArmIds.SubscriptionOf(vmId) ?? "");
    }
}
