using System;
using System.Collections.Generic;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Checks
{
    /// <summary>
    /// The checks there are, found by reflection: every public, non-abstract <see cref="Check"/> with a parameterless
    /// constructor in the given assemblies. Nothing registers a check by hand; its <see cref="Check.Order"/> (then its id)
    /// is the order its results come out for a subject.
    /// </summary>
    public sealed class CheckCatalog
    {
        private CheckCatalog(IReadOnlyList<Check> checks) => Checks = checks;

        /// <summary>The engine's own checks.</summary>
        public static CheckCatalog Default { get; } = Discover(typeof(Check).Assembly);

        /// <summary>The readiness checks of <see cref="Default"/>.</summary>
        public static IReadOnlyList<ReadinessCheck> All => Default.Of<ReadinessCheck>();

        /// <summary>Every check of every kind, in order.</summary>
        public IReadOnlyList<Check> Checks { get; }

        /// <summary>The checks found in <paramref name="assemblies"/>. Throws when two share an id.</summary>
        public static CheckCatalog Discover(params Assembly[] assemblies)
        {
            var checks = assemblies.Distinct()
                .SelectMany(a => a.GetExportedTypes())
                .Where(t => typeof(Check).IsAssignableFrom(t) && !t.IsAbstract && t.GetConstructor(Type.EmptyTypes) != null)
                .Select(t => (Check)Activator.CreateInstance(t)!)
                .OrderBy(c => c.Order).ThenBy(c => c.Id, StringComparer.Ordinal)
                .ToList();
            var duplicate = checks.GroupBy(c => c.Id, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
            if (duplicate != null)
                throw new InvalidOperationException($"Two checks have the id '{duplicate.Key}': {string.Join(", ", duplicate.Select(c => c.GetType().FullName))}.");
            return new CheckCatalog(checks);
        }

        /// <summary>The checks of one kind (readiness checks, restore pre-checks), in order.</summary>
        public IReadOnlyList<TCheck> Of<TCheck>() where TCheck : Check => Checks.OfType<TCheck>().ToList();

        public static ReadinessCheck? Find(string id) => Default.Find<ReadinessCheck>(id);

        /// <summary>
        /// The ids of the checks that detect <paramref name="entry"/>: those declaring its code (or an alias of it, as
        /// <paramref name="kb"/> resolves codes) in their <see cref="Check.ErrorCodes"/>, then the entry's hand-kept
        /// <see cref="ErrorEntry.RelatedChecks"/>. Derived, so a new check that declares a code is linked to its entry
        /// with no edit to the knowledge base. Order matters to triage (the first failing one is named the cause): a
        /// check's codes are listed most direct first, so a check that lists the code earlier comes first (the
        /// restore point limit check before the lock checks for UserErrorRpCollectionLimitReached), then catalog order.
        /// </summary>
        public IReadOnlyList<string> DetectorsOf(ErrorEntry entry, KnowledgeBase kb)
            => Checks.Select(c => (Check: c, Rank: IndexOf(c.ErrorCodes, code => kb.FindByCode(code) == entry)))
                .Where(c => c.Rank >= 0)
                .OrderBy(c => c.Rank) // stable: catalog order among equals
                .Select(c => c.Check.Id)
                .Concat(entry.RelatedChecks)
                .Distinct(StringComparer.OrdinalIgnoreCase)
                .ToList();

        /// <summary>The ids of the engine's checks that detect <paramref name="entry"/> of the default knowledge base.</summary>
        public static IReadOnlyList<string> DetectedBy(ErrorEntry entry) => Default.DetectorsOf(entry, KnowledgeBase.Default);

        private static int IndexOf(IReadOnlyList<string> codes, Func<string, bool> match)
        {
            for (var i = 0; i < codes.Count; i++)
                if (match(codes[i])) return i;
            return -1;
        }

        public TCheck? Find<TCheck>(string id) where TCheck : Check
            => Of<TCheck>().FirstOrDefault(c => string.Equals(c.Id, id, StringComparison.OrdinalIgnoreCase));

        /// <summary>The readiness checks of <see cref="Default"/> to run; see <see cref="Select{TCheck}"/>.</summary>
        public static IReadOnlyList<ReadinessCheck> Select(IEnumerable<string>? include, IEnumerable<string>? exclude, IEnumerable<string>? tags = null)
            => Default.Select<ReadinessCheck>(include, exclude, tags);

        /// <summary>
        /// The checks to run: all, or those named in <paramref name="include"/> (ids, wildcards allowed), or those carrying
        /// any of <paramref name="tags"/>; minus <paramref name="exclude"/>. Given both ids and tags, a check is run when
        /// it matches either. Throws <see cref="ArgumentException"/> naming any pattern or tag that matches no check.
        /// </summary>
        public IReadOnlyList<TCheck> Select<TCheck>(IEnumerable<string>? include, IEnumerable<string>? exclude, IEnumerable<string>? tags = null) where TCheck : Check
        {
            var all = Of<TCheck>();
            var selected = all.ToList();
            var includeList = Clean(include);
            var tagList = Clean(tags);
            if (includeList.Count > 0 || tagList.Count > 0)
            {
                ThrowOnUnknown(all, includeList);
                var unknownTags = tagList.Where(t => !all.Any(c => HasTag(c, t))).ToList();
                if (unknownTags.Count > 0)
                    throw new ArgumentException($"No check has the tag {string.Join(", ", unknownTags.Select(u => "'" + u + "'"))}. Known tags: {string.Join(", ", all.SelectMany(c => c.Tags).Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(t => t, StringComparer.Ordinal))}.");
                selected = selected.Where(c => includeList.Any(p => Matches(p, c.Id)) || tagList.Any(t => HasTag(c, t))).ToList();
            }
            var excludeList = Clean(exclude);
            if (excludeList.Count > 0)
            {
                ThrowOnUnknown(all, excludeList);
                selected = selected.Where(c => !excludeList.Any(p => Matches(p, c.Id))).ToList();
            }
            return selected;
        }

        private static List<string> Clean(IEnumerable<string>? values)
            => values?.Where(p => !string.IsNullOrWhiteSpace(p)).Select(p => p.Trim()).ToList() ?? new List<string>();

        private static bool HasTag(Check check, string tag) => check.Tags.Contains(tag, StringComparer.OrdinalIgnoreCase);

        private static void ThrowOnUnknown<TCheck>(IReadOnlyList<TCheck> all, List<string> patterns) where TCheck : Check
        {
            var unknown = patterns.Where(p => !all.Any(c => Matches(p, c.Id))).ToList();
            if (unknown.Count > 0)
                throw new ArgumentException($"No check matches {string.Join(", ", unknown.Select(u => "'" + u + "'"))}. Known checks: {string.Join(", ", all.Select(c => c.Id))}.");
        }

        /// <summary>Case-insensitive match with '*' as a wildcard.</summary>
        private static bool Matches(string pattern, string id)
            => Regex.IsMatch(id, "^" + Regex.Escape(pattern).Replace("\\*", ".*") + "$", RegexOptions.IgnoreCase);
    }
}
