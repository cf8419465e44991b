using System;
using System.Collections.Generic;
using System.Linq;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// Which statuses are listed row by row (--show). In a terminal the default is failures and warnings, the rest
    /// counted; redirected table output lists everything unless --show is given.
    /// </summary>
    public sealed class ShowFilter
    {
        private readonly HashSet<CheckStatus> _listed;

        private ShowFilter(IEnumerable<CheckStatus> listed, bool isDefault)
        {
            _listed = new HashSet<CheckStatus>(listed);
            IsDefault = isDefault;
        }

        /// <summary>No --show was given.</summary>
        public bool IsDefault { get; }

        public static ShowFilter Default { get; } = new(new[] { CheckStatus.Fail, CheckStatus.Warning }, isDefault: true);

        public static ShowFilter All { get; } = new((CheckStatus[])Enum.GetValues(typeof(CheckStatus)), isDefault: false);

        /// <summary>Parses --show values: "all", or statuses separated by commas (the option may also repeat).</summary>
        /// <exception cref="ArgumentException">An unknown status.</exception>
        public static ShowFilter Parse(IEnumerable<string> values)
        {
            var words = values.SelectMany(v => v.Split(',')).Select(w => w.Trim()).Where(w => w.Length > 0).ToList();
            if (words.Count == 0) return Default;
            if (words.Any(w => w.Equals("all", StringComparison.OrdinalIgnoreCase))) return All;
            var statuses = new List<CheckStatus>();
            foreach (var word in words)
            {
                var name = word.Equals("skip", StringComparison.OrdinalIgnoreCase) ? "Skipped"
                    : word.Equals("warn", StringComparison.OrdinalIgnoreCase) ? "Warning" : word;
                if (!Enum.TryParse<CheckStatus>(name, ignoreCase: true, out var status) || !Enum.IsDefined(typeof(CheckStatus), status) || int.TryParse(name, out _))
                    throw new ArgumentException($"--show takes all, or a list of pass, warning, fail, skipped, error (got '{word}').");
                statuses.Add(status);
            }
            return new ShowFilter(statuses, isDefault: false);
        }

        /// <summary>Whether results of this status are listed one by one.</summary>
        public bool Lists(CheckStatus status) => _listed.Contains(status);

        /// <summary>For redirected table output: everything unless --show narrowed it.</summary>
        public bool ListsInStream(CheckStatus status) => IsDefault || _listed.Contains(status);
    }
}
