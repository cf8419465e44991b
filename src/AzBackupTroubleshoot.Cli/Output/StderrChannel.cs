using System.IO;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// What a scan writes to stderr while it runs: the progress bar (when wanted), scope errors and the one-line
    /// summary. When the report on the terminal already lists scope errors and ends with a summary, and stderr is
    /// that same terminal, stderr does not repeat them.
    /// </summary>
    internal sealed class StderrChannel
    {
        private readonly TextWriter _stderr;
        private readonly bool _reportSaysItAll;

        private StderrChannel(TextWriter stderr, ScanProgressBar? progress, bool reportOnTerminal, TerminalSettings settings)
        {
            _stderr = stderr;
            Progress = progress;
            _reportSaysItAll = reportOnTerminal && settings.StderrIsTerminal;
        }

        public static async Task<StderrChannel> StartAsync(OutputRequest request, bool reportOnTerminal, TextWriter stderr)
        {
            var progress = request.WithProgress ? await ScanProgressBar.StartIfWanted(request.Settings, stderr).ConfigureAwait(false) : null;
            return new StderrChannel(stderr, progress, reportOnTerminal, request.Settings);
        }

        public ScanProgressBar? Progress { get; private set; }

        public void Error(ScopeErrorEvent e)
        {
            if (_reportSaysItAll) return;
            var line = $"error: {e.ErrorId}: {e.Message}";
            if (Progress != null) Progress.WriteLine(line);
            else _stderr.WriteLine(line);
        }

        /// <summary>Stops the progress bar (it clears itself), so nothing is drawn over what follows.</summary>
        public async Task StopProgressAsync()
        {
            if (Progress == null) return;
            await Progress.DisposeAsync().ConfigureAwait(false);
            Progress = null;
        }

        public void Summary(string line)
        {
            if (!_reportSaysItAll) _stderr.WriteLine(line);
        }
    }
}
