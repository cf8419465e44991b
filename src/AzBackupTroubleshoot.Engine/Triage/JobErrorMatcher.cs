using System;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.Triage
{
    /// <summary>
    /// Finds the knowledge base entry a job's error is. In order: a numeric errorCode the base knows (320001), a code
    /// in errorTitle (UserErrorFsFreezeFailed, ResourceNotFound), a code written in the messages, and last the
    /// wording of the messages in any of the three languages, kept only when confident.
    /// </summary>
    internal sealed class JobErrorMatcher
    {
        /// <summary>The error that only says "Compute failed, see the details": the detail is the real error.</summary>
        public const string ComputeReportedCode = "UserErrorCrpReportedUserError";

        // What may sit between a wrapper message and the detail it introduces ("... Details: <detail>").
        private static readonly Regex LeadIn = new Regex(
            @"^[\s\p{P}]*((error\s+)?details?|dettagli(\s+errore)?|detalhes(\s+do\s+erro)?)?[\s\p{P}]*",
            RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private static readonly Regex Sentences = new Regex(@"(?<=[.!?])\s+|\r?\n", RegexOptions.CultureInvariant);

        private readonly KnowledgeBase _kb;

        public JobErrorMatcher(KnowledgeBase kb) => _kb = kb;

        public EntryMatch? Match(JobError error)
        {
            foreach (var detail in error.Details.Where(d => d.ErrorCode != 0))
                if (_kb.FindByCode(detail.ErrorCode.ToString(CultureInfo.InvariantCulture)) is ErrorEntry byNumber)
                    return new EntryMatch(byNumber, 1.0, MatchSource.ErrorCode, detail.ErrorCode.ToString(CultureInfo.InvariantCulture));

            foreach (var title in error.MeaningfulTitles)
                if (_kb.FindByCode(title) is ErrorEntry byTitle)
                    return new EntryMatch(byTitle, 1.0, MatchSource.Code, title);

            // The messages (errorString, in the vault's language, and the dynamic message) carry the error; a title that is
            // the entity's name says nothing about it and is left out.
            var text = string.Join("\n", error.Messages.Concat(error.MeaningfulTitles).Where(t => !string.IsNullOrWhiteSpace(t)));
            return Best(text);
        }

        /// <summary>
        /// For an error that wraps Compute's (UserErrorCrpReportedUserError): the message left once the wrapper's own
        /// wording is taken out, and the entry that message is, if any. Null when the job holds nothing beyond the wrapper.
        /// </summary>
        public (string Detail, EntryMatch? Match)? UnderlyingDetail(JobError error, ErrorEntry entry)
        {
            if (!string.Equals(entry.Code, ComputeReportedCode, StringComparison.OrdinalIgnoreCase)) return null;
            var wrappers = entry.Messages.En.Concat(entry.Messages.It).Concat(entry.Messages.Pt).ToList();
            foreach (var message in error.Messages)
            {
                var rest = wrappers.Aggregate(message, Remove);
                rest = LeadIn.Replace(rest, "").Trim();
                if (rest.Length == 0) continue;
                // Compute's messages run to several sentences; the one that names the problem can be any of them.
                var match = new[] { rest }.Concat(Sentences.Split(rest))
                    .Select(Best).Where(m => m != null && m.Entry != entry)
                    .OrderByDescending(m => m!.Score).FirstOrDefault();
                return (rest, match);
            }
            return null;
        }

        private EntryMatch? Best(string text)
        {
            var best = _kb.Match(text, top: 1).FirstOrDefault();
            if (best == null || !best.IsConfident) return null;
            return new EntryMatch(best.Entry, best.Score, best.Kind == MatchKind.Code ? MatchSource.Code : MatchSource.Message, best.MatchedText);
        }

        private static string Remove(string text, string part)
        {
            var at = text.IndexOf(part, StringComparison.OrdinalIgnoreCase);
            return at < 0 ? text : text.Remove(at, part.Length);
        }
    }
}
