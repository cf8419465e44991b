using System.Globalization;
using System.Linq;
using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Knowledge;

namespace AzBackupTroubleshoot.PowerShell.Output
{
    /// <summary>
    /// What Get-AzBackupErrorInfo writes for one error: the knowledge-base entry with its texts in one language.
    /// The engine's LocalizedErrorEntry carries the texts only; this adds what a user filters and acts on
    /// (area, where the fix is made, the check that predicts it, the command that repairs it) as plain properties.
    /// </summary>
    public sealed class BackupErrorInfo
    {
        public BackupErrorInfo(ErrorEntry entry, CultureInfo culture)
        {
            var localized = entry.Localize(culture);
            Code = entry.Code;
            Area = entry.Area;
            Language = localized.Language.Key();
            Title = localized.Title;
            Cause = localized.Cause;
            Remediation = localized.Remediation.ToArray();
            Message = localized.Message;
            FixLocation = entry.FixLocation.ToString();
            RepairedBy = entry.RepairedBy;
            DetectedBy = CheckCatalog.DetectedBy(entry).ToArray();
            NumericCodes = entry.NumericCodes.ToArray();
        }

        /// <summary>The code as Azure Backup shows it, or a NoCode.* id for a condition without one.</summary>
        public string Code { get; }

        /// <summary>vm-backup, vm-agent-extension, vm-snapshot, vm-restore, jobs or mars-agent.</summary>
        public string Area { get; }

        /// <summary>en, it or pt: the language of the texts (a missing translation falls back to English).</summary>
        public string Language { get; }

        public string Title { get; }
        public string Cause { get; }

        /// <summary>The steps of the fix, in order.</summary>
        public string[] Remediation { get; }

        /// <summary>The product's own error text, as users see it; null when the condition has none.</summary>
        public string? Message { get; }

        /// <summary>Arm, GuestWindows, GuestLinux, MarsAgent or Manual: where the fix is made.</summary>
        public string FixLocation { get; }

        /// <summary>The cmdlet of this module that fixes it, or null.</summary>
        public string? RepairedBy { get; }

        /// <summary>Ids of the Test-AzVmBackupReadiness checks that see it coming.</summary>
        public string[] DetectedBy { get; }

        /// <summary>Numeric forms of the code (the job's errorCode, a MARS id).</summary>
        public long[] NumericCodes { get; }

        public override string ToString() => Code;
    }
}
