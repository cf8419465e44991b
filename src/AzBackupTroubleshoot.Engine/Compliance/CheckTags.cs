using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Compliance
{
    /// <summary>
    /// What a compliance run knows of a check beyond its result: its area (the id's first part, "Agent" in
    /// "Agent.Ready") and tags. Tags are the area, the severity and the check's own tags, so a suppression or a
    /// Pester tag filter can name any of them.
    /// </summary>
    public sealed class CheckTags
    {
        private CheckTags(string area, IReadOnlyList<string> tags) => (Area, Tags) = (area, tags);

        public string Area { get; }
        public IReadOnlyList<string> Tags { get; }

        public static CheckTags Of(CheckResult result)
        {
            var area = result.CheckId.Split('.')[0];
            var own = CheckCatalog.Find(result.CheckId)?.Tags ?? Array.Empty<string>();
            var tags = new[] { result.CheckId, area, result.Severity.ToString() }.Concat(own).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            return new CheckTags(area, tags);
        }
    }
}
