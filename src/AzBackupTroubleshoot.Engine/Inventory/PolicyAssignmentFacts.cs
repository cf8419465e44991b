using System;
using System.Collections.Generic;
using System.Text.Json;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>
    /// One Azure Policy assignment that reaches the VM's subscription (at the subscription, one of its resource groups or
    /// above it), with the definition it assigns as ARM returned it (a policy or a policy set definition) and, for a set,
    /// the member definitions it names. A definition that could not be read is null (or missing from the members).
    /// </summary>
    public sealed class PolicyAssignmentFacts
    {
        public PolicyAssignmentFacts(JsonElement assignment, JsonElement? definition, IReadOnlyList<JsonElement> members)
        {
            Assignment = assignment;
            Definition = definition;
            Members = members;
        }

        public JsonElement Assignment { get; }
        public JsonElement? Definition { get; }
        public IReadOnlyList<JsonElement> Members { get; }
    }
}
