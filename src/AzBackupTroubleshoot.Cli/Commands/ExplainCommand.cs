using System;
using System.Collections.Generic;
using System.CommandLine;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt explain: what an Azure Backup error code or a pasted error message means, and how to fix it, from the
    /// knowledge base. Exit 0 when found, 1 for an unknown code or no confident match, 2 on bad input. Reads nothing from Azure.
    /// </summary>
    public sealed class ExplainCommand : Command
    {
        private readonly Option<string> _code = OptionKit.Text("--code", "a code as the portal or a job shows it: UserErrorFsFreezeFailed, 320001, 0x80070570, ID: 34513", "code");
        private readonly Option<string> _message = OptionKit.Text("--message", "a pasted error message (English, Italian or Portuguese); entries are ranked by how well they match", "text");
        private readonly Option<KnowledgeLanguage> _lang = LanguageOption.Create();
        private readonly Option<string> _output = OptionKit.Output();
        private readonly Option<int?> _top = OptionKit.Number("--top", "how many ranked entries to show for --message (default 3)", 1, 20);

        public ExplainCommand(CliConsole console) : base("explain", "what an error code or message means and how to fix it")
        {
            foreach (var option in new Option[] { _code, _message, _lang, _output, _top }) Add(option);
            OptionKit.ExactlyOne(this, "Give either --code or --message.", _code, _message);
            SetAction(parse => Run(parse, console.Out, console.Error));
        }

        private int Run(ParseResult parse, TextWriter stdout, TextWriter stderr)
        {
            var language = parse.GetValue(_lang);
            var json = parse.GetValue(_output) == "json";
            var code = parse.GetValue(_code);
            var message = parse.GetValue(_message);
            var top = parse.GetValue(_top) ?? 3;

            var kb = KnowledgeBase.Default;
            var matches = code != null
                ? (kb.FindByCode(code) is ErrorEntry entry ? new[] { new MessageMatch(entry, 1.0, MatchKind.Code, code) } : Array.Empty<MessageMatch>())
                : kb.Match(message!, top).ToArray();
            var found = matches.Length > 0 && matches[0].IsConfident;

            if (json)
                stdout.WriteLine(JsonSerializer.Serialize(matches.Select(m => Describe(m, language)), JsonOutput.Options));
            else
                WriteText(stdout, matches, found, code, language);
            if (!found && json)
                stderr.WriteLine(code != null ? Phrases.Default.Format("unknownCode", language, ("code", code)) : Phrases.Default.Text("noMatch", language));
            return found ? ExitCodes.Success : ExitCodes.ChecksFailed;
        }

        private static object Describe(MessageMatch m, KnowledgeLanguage language)
        {
            var text = m.Entry.Localize(language);
            return new
            {
                code = m.Entry.Code,
                score = Math.Round(m.Score, 3),
                confident = m.IsConfident,
                matchedBy = m.Kind,
                matchedText = m.MatchedText,
                title = text.Title,
                message = text.Message,
                cause = text.Cause,
                remediation = text.Remediation,
                area = m.Entry.Area,
                fixLocation = m.Entry.FixLocation,
                detectedBy = CheckCatalog.DetectedBy(m.Entry),
                repairCommand = m.Entry.RepairedBy,
                language = language.Key(),
            };
        }

        private static void WriteText(TextWriter stdout, IReadOnlyList<MessageMatch> matches, bool found, string? code, KnowledgeLanguage language)
        {
            var phrases = Phrases.Default;
            if (!found)
            {
                stdout.WriteLine(code != null ? phrases.Format("unknownCode", language, ("code", code)) : phrases.Text("noMatch", language));
                foreach (var m in matches)
                    stdout.WriteLine($"  {m.Entry.Code,-45} {phrases.Text("label.score", language)} {m.Score.ToString("0.00", CultureInfo.InvariantCulture)}  {m.Entry.Title.For(language)}");
                return;
            }
            foreach (var m in matches.Where(m => m.IsConfident))
            {
                var text = m.Entry.Localize(language);
                stdout.WriteLine($"{m.Entry.Code}  ({phrases.Text("label.score", language)} {m.Score.ToString("0.00", CultureInfo.InvariantCulture)})");
                stdout.WriteLine($"  {text.Title}");
                if (text.Message != null) stdout.WriteLine($"  {phrases.Text("label.message", language)}: {text.Message}");
                stdout.WriteLine($"  {phrases.Text("label.knownCause", language)}: {text.Cause}");
                stdout.WriteLine($"  {phrases.Text("label.fix", language)}:");
                for (var i = 0; i < text.Remediation.Count; i++) stdout.WriteLine($"    {i + 1}. {text.Remediation[i]}");
                var detectedBy = CheckCatalog.DetectedBy(m.Entry);
                if (detectedBy.Count > 0) stdout.WriteLine($"  {phrases.Text("label.checks", language)}: {string.Join(", ", detectedBy)}");
                if (m.Entry.RepairedBy != null) stdout.WriteLine($"  {phrases.Text("label.repair", language)}: {m.Entry.RepairedBy}");
                stdout.WriteLine();
            }
        }
    }
}
