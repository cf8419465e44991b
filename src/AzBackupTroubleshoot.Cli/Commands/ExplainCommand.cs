using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.Json;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt explain: what an Azure Backup error code or a pasted error message means, and how to fix it, from the
    /// knowledge base. Exit 0 when found, 1 for an unknown code or no confident match, 2 on bad input.
    /// </summary>
    public static class ExplainCommand
    {
        public const string Usage =
@"azbt explain --code <code> | --message <text> [options]
  --code <code>           a code as the portal or a job shows it: UserErrorFsFreezeFailed, 320001, 0x80070570, ID: 34513
  --message <text>        a pasted error message (English, Italian or Portuguese); entries are ranked by how well they match
  --lang en|it|pt         language of the explanation (default en)
  --output table|json     default table; json is an array of ranked entries {code, score, confident, ...}
  --top <n>               how many ranked entries to show for --message (default 3)";

        public static int Run(CliArguments args, TextWriter stdout, TextWriter stderr)
        {
            args.AllowOnly("code", "message", "lang", "output", "top");
            var language = LanguageOption.Language(args);
            var json = Output(args) == "json";
            var code = args.One("code");
            var message = args.One("message");
            if ((code == null) == (message == null)) throw new UsageException("Give either --code or --message.");
            if (string.IsNullOrWhiteSpace(code ?? message)) throw new UsageException("The code or message is empty.");
            var top = args.One("top") is string t ? (int.TryParse(t, out var n) && n >= 1 && n <= 20 ? n : throw new UsageException("--top must be a number from 1 to 20.")) : 3;

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

        public static string Output(CliArguments args)
        {
            var output = (args.One("output") ?? "table").ToLowerInvariant();
            if (output != "table" && output != "json") throw new UsageException("--output must be table or json.");
            return output;
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
                detectedBy = m.Entry.DetectedBy,
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
                if (m.Entry.DetectedBy.Count > 0) stdout.WriteLine($"  {phrases.Text("label.checks", language)}: {string.Join(", ", m.Entry.DetectedBy)}");
                if (m.Entry.RepairedBy != null) stdout.WriteLine($"  {phrases.Text("label.repair", language)}: {m.Entry.RepairedBy}");
                stdout.WriteLine();
            }
        }
    }
}
