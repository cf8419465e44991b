using System.Collections.Generic;
using AzBackupTroubleshoot.Inventory;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// One readiness check: a pure function of a VM's inventory. Subclasses declare their stable id, the error codes
    /// they prevent and their severity, and implement <see cref="Evaluate"/>. Register new checks in <see cref="CheckCatalog"/>;
    /// document each in docs/checks/&lt;Id&gt;.md. Its title, messages and fixes live in knowledge/check-texts.json under
    /// "&lt;Id&gt;.&lt;key&gt;" in every language; <see cref="Evaluate"/> names them with <see cref="Text"/>.
    /// </summary>
    public abstract class ReadinessCheck
    {
        /// <summary>Stable id, e.g. "Vm.AgentReady". Never renamed: users filter and suppress by it.</summary>
        public abstract string Id { get; }

        /// <summary>A short title for tables and docs, in English (the "&lt;Id&gt;.title" text).</summary>
        public string Title => TitleIn(KnowledgeLanguage.En);

        /// <summary>The title in <paramref name="language"/>; a check without texts (a test double) is titled by its id.</summary>
        public string TitleIn(KnowledgeLanguage language) => CheckText.TitleOf(Id, language);

        public abstract CheckSeverity Severity { get; }

        /// <summary>The Azure Backup error codes (as in the knowledge base) this check predicts.</summary>
        public abstract IReadOnlyList<string> ErrorCodes { get; }

        /// <summary>Free tags for grouping: "agent", "network", "locks", ...</summary>
        public virtual IReadOnlyList<string> Tags => System.Array.Empty<string>();

        /// <summary>The command that repairs a failure of this check, when there is one.</summary>
        public virtual string? RepairCommand => null;

        /// <summary>Relative path of the check's documentation page.</summary>
        public string DocPage => $"docs/checks/{Id}.md";

        /// <summary>Whether the check has something to say about a VM that no longer exists (only a vault remembers it).</summary>
        public virtual bool AppliesToMissingVm => false;

        public abstract CheckOutcome Evaluate(VmInventory vm);

        /// <summary>This check's text <paramref name="key"/> with its placeholder values.</summary>
        protected CheckText Text(string key, params (string Name, object? Value)[] args) => CheckText.Of(Id, key, args);

        /// <summary>A Skipped outcome when the inventory part the check needs could not be read; null when it is there.</summary>
        protected static CheckOutcome? SkipIfUnavailable(VmInventory vm, string part)
            => vm.IsUnavailable(part, out var reason)
                ? CheckOutcome.Skipped(CheckText.Common("partUnavailable", ("part", part), ("reason", reason)))
                : null;
    }
}
