using System;
using System.Collections.Generic;
using System.Linq;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>
    /// The parsed command line: a command word, then --name value options (repeatable) and --flags.
    /// Small on purpose: the CLI has a handful of commands and no need for a parsing framework.
    /// </summary>
    public sealed class CliArguments
    {
        private readonly Dictionary<string, List<string>> _options = new(StringComparer.OrdinalIgnoreCase);
        private readonly HashSet<string> _flags = new(StringComparer.OrdinalIgnoreCase);

        public string Command { get; private set; } = "";

        /// <param name="flagNames">Options that take no value.</param>
        public static CliArguments Parse(string[] args, IEnumerable<string> flagNames)
        {
            var flags = new HashSet<string>(flagNames, StringComparer.OrdinalIgnoreCase);
            var parsed = new CliArguments();
            var i = 0;
            if (args.Length > 0 && !args[0].StartsWith("-", StringComparison.Ordinal)) parsed.Command = args[i++];
            for (; i < args.Length; i++)
            {
                var arg = args[i];
                if (!arg.StartsWith("--", StringComparison.Ordinal) || arg.Length < 3)
                    throw new UsageException($"Unexpected argument '{arg}'. Options start with --.");
                var name = arg.Substring(2);
                string? inline = null;
                var eq = name.IndexOf('=');
                if (eq > 0) { inline = name.Substring(eq + 1); name = name.Substring(0, eq); }
                if (flags.Contains(name))
                {
                    parsed._flags.Add(name);
                    continue;
                }
                var value = inline ?? (i + 1 < args.Length ? args[++i] : throw new UsageException($"Option --{name} needs a value."));
                if (!parsed._options.TryGetValue(name, out var list)) parsed._options[name] = list = new List<string>();
                list.Add(value);
            }
            return parsed;
        }

        public bool Flag(string name) => _flags.Contains(name);

        public IReadOnlyList<string> All(string name)
            => _options.TryGetValue(name, out var list) ? list : (IReadOnlyList<string>)Array.Empty<string>();

        public string? One(string name)
        {
            var values = All(name);
            if (values.Count > 1) throw new UsageException($"Option --{name} may be given once.");
            return values.FirstOrDefault();
        }

        /// <summary>Rejects options the command does not know, so a typo is an error and not a silent no-op.</summary>
        public void AllowOnly(params string[] names)
        {
            var known = new HashSet<string>(names, StringComparer.OrdinalIgnoreCase);
            var unknown = _options.Keys.Concat(_flags).Where(k => !known.Contains(k)).ToList();
            if (unknown.Count > 0) throw new UsageException($"Unknown option(s) for '{Command}': {string.Join(", ", unknown.Select(u => "--" + u))}.");
        }
    }

    /// <summary>Bad command-line input: printed as one line, exit code 2.</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }
}
