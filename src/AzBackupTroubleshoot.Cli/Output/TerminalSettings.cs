using System;
using System.IO;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// Where the output goes and how it may look, decided once per run: a terminal gets the report that leads with
    /// what to fix, colour and a progress bar; a pipe or a file gets the plain streaming table or JSON.
    /// </summary>
    public sealed record TerminalSettings
    {
        /// <summary>The width assumed when stdout is not a terminal (or the terminal does not say).</summary>
        public const int DefaultWidth = 120;

        /// <summary>stdout is a terminal: the buffered, sorted report instead of the streaming table.</summary>
        public bool StdoutIsTerminal { get; init; }
        public bool StderrIsTerminal { get; init; }
        public int Width { get; init; } = DefaultWidth;
        /// <summary>Colour codes on stdout.</summary>
        public bool Color { get; init; }
        /// <summary>A progress bar on stderr.</summary>
        public bool Progress { get; init; }
        /// <summary>Colour in the progress bar (off with --no-color or NO_COLOR, like stdout's).</summary>
        public bool ProgressColor { get; init; }

        /// <summary>Neither stream is a terminal: what tests writing to a StringWriter get.</summary>
        public static TerminalSettings Redirected { get; } = new();

        /// <param name="stdout">The writer results go to; only the process console's own writer can be a terminal.</param>
        /// <param name="stderr">The writer messages go to.</param>
        /// <param name="noColor">--no-color.</param>
        /// <param name="quiet">--quiet: no progress bar.</param>
        public static TerminalSettings Detect(TextWriter stdout, TextWriter stderr, bool noColor, bool quiet)
        {
            // The commands write to the writers they are handed (the tests hand StringWriters): a writer that is not
            // the console's is never a terminal, whatever the process's own streams are.
            var stdoutTerminal = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected;
            var stderrTerminal = ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected;
            // NO_COLOR (https://no-color.org): any non-empty value turns colour off.
            var colorWanted = !noColor && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"));
            return new TerminalSettings
            {
                StdoutIsTerminal = stdoutTerminal,
                StderrIsTerminal = stderrTerminal,
                Width = stdoutTerminal ? TerminalWidth() : DefaultWidth,
                Color = stdoutTerminal && colorWanted,
                Progress = stderrTerminal && !quiet,
                ProgressColor = colorWanted,
            };
        }

        private static int TerminalWidth()
        {
            try
            {
                var width = Console.WindowWidth;
                return width >= 40 ? width : width > 0 ? 40 : DefaultWidth;
            }
            catch (IOException)
            {
                return DefaultWidth;
            }
        }
    }
}
