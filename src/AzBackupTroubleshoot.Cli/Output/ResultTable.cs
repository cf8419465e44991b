using System;
using System.IO;
using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>Streams check results as a fixed-width table, one row per VM per check, written as they arrive.</summary>
    public sealed class ResultTable
    {
        private readonly TextWriter _out;
        private bool _headerWritten;

        public ResultTable(TextWriter output) => _out = output;

        public void Write(CheckResult r)
        {
            if (!_headerWritten)
            {
                _out.WriteLine(Row("VM", "CHECK", "STATUS", "CODES", "MESSAGE"));
                _headerWritten = true;
            }
            _out.WriteLine(Row(r.VmName, r.CheckId, r.Status.ToString(), string.Join(",", r.Codes), r.Message));
            if ((r.Status == CheckStatus.Fail || r.Status == CheckStatus.Warning) && r.Remediation != null)
                _out.WriteLine(Row("", "", "", "", "fix: " + r.Remediation + (r.RepairCommand != null ? $" (repair: {r.RepairCommand})" : "")));
        }

        private static string Row(string vm, string check, string status, string codes, string message)
            => $"{Cut(vm, 24),-24} {Cut(check, 32),-32} {status,-8} {Cut(codes, 40),-40} {message}";

        private static string Cut(string value, int width) => value.Length <= width ? value : value.Substring(0, width - 1) + "…";
    }
}
