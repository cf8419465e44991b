using System;
using System.CommandLine;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Options;
using AzBackupTroubleshoot.Cli.Output;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Cli.Commands
{
    /// <summary>
    /// azbt collect: reads what the readiness checks need from ARM and saves it to a file (no verdicts), so it can be
    /// evaluated later, elsewhere, with no Azure access: `azbt readiness --input`. The file holds no token and none of
    /// the properties that can carry secrets (<see cref="InventoryFile.SecretProperties"/>). It is written to a temporary
    /// file next to --out and moved into place only when the collection is complete, so a failed run leaves no half file.
    /// Exit 0, or 3 when part of the scope could not be read (the file then records those scope errors too).
    /// </summary>
    public sealed class CollectCommand : Command
    {
        private readonly CliConsole _console;
        private readonly ScopeOptions _scope = new();
        private readonly ConnectionOptions _connection = new();
        private readonly Option<string> _out = OptionKit.Text("--out", "the inventory file to write (replaced once the collection is complete)", "file").Required();
        private readonly Option<bool> _skipRestorePoints = CheckOptions.SkipRestorePoints();
        private readonly Option<string> _inventorySource = CheckOptions.InventorySource();
        private readonly DisplayOptions _display = new(withShow: false);

        public CollectCommand(CliConsole console) : base("collect", "save what the checks read from ARM to a file, to evaluate later with 'readiness --input'")
        {
            _console = console;
            _scope.AddTo(this);
            Add(_out);
            Add(_skipRestorePoints);
            Add(_inventorySource);
            _display.AddTo(this);
            _connection.AddTo(this);
            SetAction(RunAsync);
        }

        private async Task<int> RunAsync(ParseResult parse, CancellationToken ct)
        {
            var outPath = Path.GetFullPath(parse.GetValue(_out)!);
            var folder = Path.GetDirectoryName(outPath)!;
            if (!Directory.Exists(folder))
                throw new AzbtException(FailureKind.InvalidInput, "OutputFolderMissing", $"The folder of --out does not exist: '{OptionKit.Shown(folder)}'.", outPath);

            await using var arm = await _connection.OpenAsync(parse, _console).ConfigureAwait(false);
            var scope = await _scope.BuildAsync(parse, arm.Connection, ct).ConfigureAwait(false);
            var collector = InventorySources.Create(arm.Connection, new ScanOptions
            {
                CountRestorePoints = !parse.GetValue(_skipRestorePoints),
                InventorySource = CheckOptions.InventorySourceOf(parse.GetValue(_inventorySource)),
            });

            var stderr = await StderrChannel.StartAsync(_display.Request(parse, _console, json: false), reportOnTerminal: false, _console.Error).ConfigureAwait(false);
            var partial = outPath + ".partial-" + Guid.NewGuid().ToString("N").Substring(0, 8);
            int vms = 0, scopeErrors = 0;
            try
            {
                await using (var file = OpenNew(partial))
                {
                    await foreach (var evt in InventoryFile.RecordAsync(collector.CollectAsync(scope, ct), file, DateTimeOffset.UtcNow, ct).ConfigureAwait(false))
                    {
                        switch (evt)
                        {
                            case InventoryEvent:
                                vms++;
                                break;
                            case ScopeErrorEvent error:
                                scopeErrors++;
                                stderr.Error(error);
                                break;
                            case ProgressEvent progress:
                                stderr.Progress?.Report(progress);
                                break;
                        }
                    }
                }
                await stderr.StopProgressAsync().ConfigureAwait(false);
                File.Move(partial, outPath, overwrite: true);
            }
            finally
            {
                await stderr.StopProgressAsync().ConfigureAwait(false);
                if (File.Exists(partial)) File.Delete(partial);
            }

            stderr.Summary($"{vms} VM(s) collected to {outPath}" + (scopeErrors > 0 ? $"; {scopeErrors} scope(s) could not be read (recorded in the file)" : ""));
            return scopeErrors > 0 ? ExitCodes.ScopeErrors : ExitCodes.Success;
        }

        private static FileStream OpenNew(string path)
        {
            try
            {
                return new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw new AzbtException(FailureKind.InvalidInput, "OutputNotWritable", $"Cannot write next to --out: {ex.Message}", path);
            }
        }
    }
}
