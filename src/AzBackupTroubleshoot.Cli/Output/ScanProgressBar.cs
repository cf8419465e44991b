using System;
using System.IO;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;
using Spectre.Console;

namespace AzBackupTroubleshoot.Cli.Output
{
    /// <summary>
    /// A progress bar on stderr while a scan runs: subscriptions read, Resource Graph queries answered, VMs evaluated,
    /// restore point collections read, ARM throttling waits, and an estimate of the time left. Only made when stderr is a
    /// terminal and --quiet is not given (<see cref="StartIfWanted"/>), so pipes, files and CI logs never see it; it
    /// never writes to stdout.
    /// Spectre.Console redraws it on its own timer; the scan only updates the counts.
    /// </summary>
    public sealed class ScanProgressBar : IAsyncDisposable
    {
        private readonly TaskCompletionSource<bool> _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly TaskCompletionSource<bool> _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly object _gate = new();
        private readonly Task _running;
        private readonly IAnsiConsole _console;
        private ProgressContext? _context;
        private ProgressTask? _scan;
        private ProgressTask? _subscriptions;
        private ProgressTask? _vms;
        private ProgressTask? _restorePoints;
        private ProgressTask? _graph;
        private int _vmsWithResults;

        private ScanProgressBar(TextWriter stderr, bool color)
        {
            var console = _console = AnsiConsole.Create(new AnsiConsoleSettings
            {
                Out = new AnsiConsoleOutput(stderr),
                Ansi = AnsiSupport.Yes,
                Interactive = InteractionSupport.Yes,
                ColorSystem = color ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            });
            _running = console.Progress()
                .AutoClear(true)
                .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                    new RemainingTimeColumn(), new SpinnerColumn())
                .StartAsync(async context =>
                {
                    lock (_gate)
                    {
                        _context = context;
                        // The whole scan, as the engine weighs it (lists, restore point reads, evaluations): its ETA is the one to read.
                        _scan = context.AddTask("Scan", maxValue: 100);
                        _subscriptions = context.AddTask("Subscriptions read", maxValue: 100);
                        _subscriptions.IsIndeterminate = true;
                        _vms = context.AddTask("VMs evaluated", maxValue: 1);
                        _vms.IsIndeterminate = true;
                    }
                    _ready.TrySetResult(true);
                    await _stop.Task.ConfigureAwait(false);
                });
        }

        /// <summary>A progress bar on <paramref name="stderr"/> if the settings want one, else null.</summary>
        public static async Task<ScanProgressBar?> StartIfWanted(TerminalSettings settings, TextWriter stderr)
        {
            if (!settings.Progress) return null;
            var progress = new ScanProgressBar(stderr, settings.ProgressColor);
            await Task.WhenAny(progress._ready.Task, progress._running).ConfigureAwait(false);
            return progress;
        }

        /// <summary>The engine's counts. Totals grow as lists come in, so the bars' maxima move with them.</summary>
        public void Report(ProgressEvent e)
        {
            lock (_gate)
            {
                if (_subscriptions == null) return;
                if (e.PercentComplete >= 0) _scan!.Value = e.PercentComplete;
                if (e.SubscriptionsTotal > 0)
                {
                    _subscriptions.IsIndeterminate = false;
                    _subscriptions.MaxValue = e.SubscriptionsTotal;
                    _subscriptions.Value = e.SubscriptionsRead;
                }
                _subscriptions.Description = e.ThrottlingWait is { } wait && wait > TimeSpan.Zero
                    ? $"Subscriptions read [yellow]throttled by ARM: waiting {Seconds(wait)}{(e.ThrottledSubscription != null ? " (" + Markup.Escape(e.ThrottledSubscription) + ")" : "")}[/]"
                    : e.SubscriptionsTotal > 0 ? $"Subscriptions read {e.SubscriptionsRead}/{e.SubscriptionsTotal}" : "Subscriptions read";
                if (e.ResourceGraphQueriesTotal > 0)
                {
                    _graph ??= _context!.AddTaskBefore("Resource Graph queries", _vms!);
                    _graph.MaxValue = e.ResourceGraphQueriesTotal;
                    _graph.Value = e.ResourceGraphQueriesDone;
                    _graph.Description = $"Resource Graph queries {e.ResourceGraphQueriesDone}/{e.ResourceGraphQueriesTotal} ({e.ResourceGraphRowsRead} rows)";
                }
                if (e.VmsFound > 0) SetVms(e.VmsFound, Math.Max(e.VmsEvaluated, _vmsWithResults));
                if (e.RestorePointCollectionsTotal > 0)
                {
                    _restorePoints ??= _context!.AddTask("Restore point collections read");
                    _restorePoints.MaxValue = e.RestorePointCollectionsTotal;
                    _restorePoints.Value = e.RestorePointCollectionsRead;
                    _restorePoints.Description = $"Restore point collections read {e.RestorePointCollectionsRead}/{e.RestorePointCollectionsTotal}";
                }
            }
        }

        /// <summary>A VM's results reached the front (counted here too, in case the engine's count lags).</summary>
        public void VmEvaluated()
        {
            lock (_gate)
            {
                _vmsWithResults++;
                if (_vms != null && !_vms.IsIndeterminate) SetVms((int)_vms.MaxValue, _vmsWithResults);
                else if (_vms != null) _vms.Description = $"VMs evaluated {_vmsWithResults}";
            }
        }

        /// <summary>A line of text above the bar (a scope error, say), without tearing the bar.</summary>
        public void WriteLine(string line)
        {
            lock (_gate) _console.WriteLine(line, Style.Plain);
        }

        private void SetVms(int found, int evaluated)
        {
            _vms!.IsIndeterminate = false;
            _vms.MaxValue = Math.Max(found, evaluated);
            _vms.Value = evaluated;
            _vms.Description = $"VMs evaluated {evaluated}/{Math.Max(found, evaluated)}";
        }

        private static string Seconds(TimeSpan wait) => wait.TotalSeconds < 1 ? "<1 s" : $"{Math.Ceiling(wait.TotalSeconds):0} s";

        /// <summary>Stops the bar and clears it from the terminal, before the report is written.</summary>
        public async ValueTask DisposeAsync()
        {
            _stop.TrySetResult(true);
            await _running.ConfigureAwait(false);
        }
    }
}
