using System;
using System.IO;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// Streams check results as a fixed-width table, one row per VM per check, written as they arrive: the table for
    /// pipes and files (a terminal gets <see cref="ResultReport"/>). Names too long for their column lose their middle.
    /// </summary>
    public sealed class ResultTable
    {
        private readonly TextWriter _out;
        private readonly ShowFilter _show;
        private readonly int _vmWidth;
        private readonly int _codesWidth;
        private bool _headerWritten;

        private const int CheckWidth = 32;
        private const int StatusWidth = 8;

        public ResultTable(TextWriter output, int width = TerminalSettings.DefaultWidth, ShowFilter? show = null)
        {
            _out = output;
            _show = show ?? ShowFilter.Default;
            // 120 columns: VM 28, codes 30, and the message from column 103 on; narrower widths shrink both.
            _vmWidth = Math.Max(12, Math.Min(28, width * 28 / 120));
            _codesWidth = Math.Max(12, Math.Min(30, width * 30 / 120));
        }

        public void Write(CheckResult r)
        {
            if (!_show.ListsInStream(r.Status)) return;
            if (!_headerWritten)
            {
                _out.WriteLine(Row("VM", "CHECK", "STATUS", "CODES", "MESSAGE"));
                _headerWritten = true;
            }
            _out.WriteLine(Row(r.VmName, r.CheckId, r.Status.ToString(), string.Join(",", r.Codes), r.Message));
            if ((r.Status == CheckStatus.Fail || r.Status == CheckStatus.Warning) && r.Remediation != null)
                _out.WriteLine(Row("", "", "", "", "fix: " + r.Remediation + (r.RepairCommand != null ? $" (repair: {r.RepairCommand})" : "")));
        }

        private string Row(string vm, string check, string status, string codes, string message)
            => Text.CutMiddle(vm, _vmWidth).PadRight(_vmWidth) + " "
             + Text.CutMiddle(check, CheckWidth).PadRight(CheckWidth) + " "
             + status.PadRight(StatusWidth) + " "
             + Text.CutEnd(codes, _codesWidth).PadRight(_codesWidth) + " "
             + message;
    }
}
