using AzBackupTroubleshoot.Checks;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>ANSI colours by status, or plain text when colour is off: the only place escape codes are made.</summary>
    public sealed class Palette
    {
        private readonly bool _on;

        public Palette(bool on) => _on = on;

        public string Status(CheckStatus status, string text) => Paint(status switch
        {
            CheckStatus.Fail => "1;31",
            CheckStatus.Error => "1;35",
            CheckStatus.Warning => "33",
            CheckStatus.Pass => "32",
            _ => "2",
        }, text);

        public string Bold(string text) => Paint("1", text);

        public string Dim(string text) => Paint("2", text);

        /// <summary>A command to copy: cyan.</summary>
        public string Command(string text) => Paint("36", text);

        private string Paint(string sgr, string text) => _on && text.Length > 0 ? $"\u001b[{sgr}m{text}\u001b[0m" : text;
    }
}
