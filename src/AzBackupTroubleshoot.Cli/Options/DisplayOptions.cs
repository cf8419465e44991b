using System;
using System.CommandLine;
using AzBackupTroubleshoot.Cli.Output;

namespace AzBackupTroubleshoot.Cli.Options
{
    /// <summary>
    /// How results look on the screen, the same on every command that prints a report (readiness, restore-readiness,
    /// failures): --show (which statuses are listed row by row; not on failures), --no-color, --quiet.
    /// </summary>
    public sealed class DisplayOptions
    {
        private readonly bool _withShow;

        /// <param name="withShow">Whether the command's results have check statuses to filter (failures' diagnoses do not).</param>
        public DisplayOptions(bool withShow = true)
        {
            _withShow = withShow;
            Show.Validators.Add(result =>
            {
                try
                {
                    ShowFilter.Parse(result.GetValueOrDefault<string[]>() ?? Array.Empty<string>());
                }
                catch (ArgumentException ex)
                {
                    result.AddError(ex.Message);
                }
            });
            Show.CompletionSources.Add("all", "fail", "warning", "error", "skipped", "pass", "fail,warning,error");
        }

        public Option<string[]> Show { get; } = OptionKit.Repeatable("--show",
            "list these statuses row by row: all, or a list of fail, warning, error, skipped, pass (default in a terminal: fail,warning; the rest is counted)",
            "statuses");

        public Option<bool> NoColor { get; } = OptionKit.Flag("--no-color", "no colour, even in a terminal (so does a non-empty NO_COLOR variable)");

        public Option<bool> Quiet { get; } = OptionKit.Flag("--quiet", "no progress bar on stderr");

        public void AddTo(Command command)
        {
            if (_withShow) command.Add(Show);
            command.Add(NoColor);
            command.Add(Quiet);
        }

        /// <summary>What the output should be, from the options and from where stdout and stderr go.</summary>
        /// <param name="connection">The options a suggested next command needs to reach the same ARM (e.g. the scenario).</param>
        public OutputRequest Request(ParseResult parse, CliConsole console, bool json, string connection = "") => new()
        {
            Settings = TerminalSettings.Detect(console.Out, console.Error, parse.GetValue(NoColor), parse.GetValue(Quiet)),
            Json = json,
            Show = _withShow ? ShowFilter.Parse(parse.GetValue(Show) ?? Array.Empty<string>()) : ShowFilter.Default,
            Connection = connection,
        };
    }
}
