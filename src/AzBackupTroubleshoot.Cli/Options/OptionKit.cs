using System;
using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Linq;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Cli.Options
{
    /// <summary>
    /// Small factories for the kinds of option azbt uses, so that every option of a kind parses, validates, completes
    /// and words its errors the same way. A parse error is one sentence that names the option and the bad value.
    /// </summary>
    public static class OptionKit
    {
        /// <summary>A single text value; an empty or blank value is an error, not "not given".</summary>
        public static Option<string> Text(string name, string description, string? helpName = null)
        {
            var option = new Option<string>(name) { Description = description, HelpName = helpName };
            option.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (value != null && string.IsNullOrWhiteSpace(value)) result.AddError($"{name} needs a value; it is empty.");
            });
            return option;
        }

        /// <summary>A value that may be given more than once (--vm a --vm b); each occurrence takes exactly one value.</summary>
        public static Option<string[]> Repeatable(string name, string description, string? helpName = null)
        {
            var option = new Option<string[]>(name)
            {
                Description = description,
                HelpName = helpName,
                Arity = ArgumentArity.OneOrMore,
                AllowMultipleArgumentsPerToken = false,
            };
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<string[]>()?.Any(string.IsNullOrWhiteSpace) == true) result.AddError($"{name} needs a value; it is empty.");
            });
            return option;
        }

        /// <summary>A flag: present or not.</summary>
        public static Option<bool> Flag(string name, string description) => new Option<bool>(name) { Description = description, Arity = ArgumentArity.Zero };

        /// <summary>A whole number in [min, max]; anything else names the allowed range.</summary>
        public static Option<int?> Number(string name, string description, int min, int max, string? helpName = null)
        {
            return new Option<int?>(name)
            {
                Description = description,
                HelpName = helpName ?? "n",
                CustomParser = result =>
                {
                    var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                    if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max) return n;
                    result.AddError($"{name} must be a whole number from {min} to {max}, not '{Shown(text)}'.");
                    return null;
                },
            };
        }

        /// <summary>
        /// A length of time: a number with a unit (90s, 30m, 2h) or hh:mm:ss, from <paramref name="min"/> to <paramref name="max"/>.
        /// </summary>
        public static Option<TimeSpan?> Duration(string name, string description, TimeSpan min, TimeSpan max)
        {
            return new Option<TimeSpan?>(name)
            {
                Description = description,
                HelpName = "90s|30m|2h|hh:mm:ss",
                CustomParser = result =>
                {
                    var text = result.Tokens.Count == 1 ? result.Tokens[0].Value.Trim() : "";
                    if (ParseDuration(text) is TimeSpan value && value >= min && value <= max) return value;
                    result.AddError($"{name} must be a length of time from {Spoken(min)} to {Spoken(max)} such as 90s, 30m, 2h or 00:45:00, not '{Shown(text)}'.");
                    return null;
                },
            };

            static string Spoken(TimeSpan t) => t.TotalHours >= 1 && t.TotalHours % 1 == 0 ? $"{t.TotalHours:0}h" : t.TotalMinutes >= 1 && t.TotalMinutes % 1 == 0 ? $"{t.TotalMinutes:0}m" : $"{t.TotalSeconds:0}s";
        }

        private static TimeSpan? ParseDuration(string text)
        {
            if (text.Length < 2) return null;
            var unit = char.ToLowerInvariant(text[text.Length - 1]);
            if ((unit == 's' || unit == 'm' || unit == 'h')
                && double.TryParse(text.Substring(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var n) && n > 0 && n < 1e6)
                return unit == 's' ? TimeSpan.FromSeconds(n) : unit == 'm' ? TimeSpan.FromMinutes(n) : TimeSpan.FromHours(n);
            return text.Contains(':') && TimeSpan.TryParseExact(text, @"hh\:mm\:ss", CultureInfo.InvariantCulture, out var t) ? t : null;
        }

        /// <summary>One of a fixed set of words (case ignored, given back in lower case); offered by tab completion.</summary>
        public static Option<string> Choice(string name, string description, params string[] values)
        {
            var option = new Option<string>(name)
            {
                Description = description,
                HelpName = string.Join("|", values),
                DefaultValueFactory = _ => values[0],
                CustomParser = result =>
                {
                    var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                    var match = values.FirstOrDefault(v => string.Equals(v, text, StringComparison.OrdinalIgnoreCase));
                    if (match != null) return match;
                    result.AddError($"{name} must be {Words(values)}, not '{Shown(text)}'.");
                    return null;
                },
            };
            option.CompletionSources.Add(values);
            return option;
        }

        /// <summary>--output table|json, the same on every command that prints results.</summary>
        public static Option<string> Output() => Choice("--output", "table, or json: an array, streamed", "table", "json");

        /// <summary>Marks an option as one the command cannot do without (help shows it as required).</summary>
        public static Option<T> Required<T>(this Option<T> option)
        {
            option.Required = true;
            return option;
        }

        /// <summary>Adds a rule to a command: at most one of these options may be given.</summary>
        public static void OneAtMost(Command command, string message, params Option[] options)
            => command.Validators.Add(result =>
            {
                if (options.Count(o => Given(result, o)) > 1) result.AddError(message);
            });

        /// <summary>Adds a rule to a command: exactly one of these options must be given.</summary>
        public static void ExactlyOne(Command command, string message, params Option[] options)
            => command.Validators.Add(result =>
            {
                if (options.Count(o => Given(result, o)) != 1) result.AddError(message);
            });

        /// <summary>Whether the user typed the option (a default value does not count).</summary>
        public static bool Given(CommandResult result, Option option) => result.GetResult(option) is OptionResult r && !r.Implicit;

        public static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is OptionResult r && !r.Implicit;

        /// <summary>
        /// Runs one of the engine's own rules for a value (it throws on bad input) and gives back its message, or null
        /// when the value is fine: the engine says what is valid, the CLI reports it while parsing.
        /// </summary>
        public static string? EngineRule(Action rule)
        {
            try
            {
                rule();
                return null;
            }
            catch (ArgumentException ex)
            {
                return Remember(FailureClassifier.Classify(ex));
            }
            catch (AzbtException ex) when (ex.Kind == FailureKind.InvalidInput)
            {
                return Remember(ex);
            }
        }

        // The codes of the engine's rule messages, so a parse error the engine's rule found keeps its code
        // (InvalidResourceId, ...) on the error line instead of the generic InvalidInput. Keyed by message; small.
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> RuleCodes = new();

        private static string Remember(AzbtException failure)
        {
            if (RuleCodes.Count > 512) RuleCodes.Clear();
            RuleCodes[failure.Message] = failure.Code;
            return failure.Message;
        }

        /// <summary>The engine's code for a parse error that one of its rules produced (the option's name may lead it), or null.</summary>
        public static string? CodeOf(string parseError)
        {
            foreach (var pair in RuleCodes)
                if (parseError.EndsWith(pair.Key, StringComparison.Ordinal)) return pair.Value;
            return null;
        }

        /// <summary>Checks the option's value with one of the engine's rules (an <c>Identifiers</c> parser, say) while parsing.</summary>
        public static Option<string> Checked(this Option<string> option, Action<string> rule)
        {
            option.Validators.Add(result =>
            {
                var value = result.GetValueOrDefault<string>();
                if (!string.IsNullOrWhiteSpace(value) && EngineRule(() => rule(value!)) is string error) result.AddError($"{option.Name}: {error}");
            });
            return option;
        }

        /// <summary>A value as it is safe to echo in one line: control characters dropped, long values cut.</summary>
        public static string Shown(string value)
        {
            var clean = new string(value.Select(c => char.IsControl(c) ? ' ' : c).ToArray());
            return clean.Length <= 80 ? clean : clean.Substring(0, 77) + "...";
        }

        private static string Words(string[] values)
            => values.Length == 1 ? values[0] : string.Join(", ", values.Take(values.Length - 1)) + " or " + values[values.Length - 1];
    }
}
