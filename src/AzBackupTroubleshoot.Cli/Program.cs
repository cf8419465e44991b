using System;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Cli.Commands;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>
    /// azbt: the AzBackupTroubleshoot command line, on System.CommandLine. Parsing (types, required and conflicting
    /// options, value rules) happens before any command runs; whatever fails is one line on stderr and an exit code
    /// (<see cref="ErrorReport"/>), never a stack trace.
    /// </summary>
    public static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            using var cts = new CancellationTokenSource();
            Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
            return await RunAsync(args, new CliConsole(Console.In, Console.Out, Console.Error), cts.Token).ConfigureAwait(false);
        }

        public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken ct)
            => RunAsync(args, new CliConsole(TextReader.Null, stdout, stderr), ct);

        public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken ct)
        {
            try
            {
                var parse = AzbtCommand.Create(console).Parse(args.Length > 0 && args[0] == "help" ? args.Skip(1).Append("--help").ToArray() : args);
                if (parse.Action is System.CommandLine.Invocation.ParseErrorAction)
                    return ErrorReport.WriteParseError(parse.Errors[0].Message, CommandPath(parse), console.Error, Options.OptionKit.CodeOf(parse.Errors[0].Message));
                var invocation = new InvocationConfiguration
                {
                    Output = console.Out,
                    Error = console.Error,
                    EnableDefaultExceptionHandler = false, // failures go through ErrorReport
                    ProcessTerminationTimeout = null,      // Ctrl+C is ours (Main), so in-process runs leave the console alone
                };
                return await parse.InvokeAsync(invocation, ct).ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                return ErrorReport.Write(ex, console.Error);
            }
        }

        private static string CommandPath(ParseResult parse)
        {
            var names = new System.Collections.Generic.List<string>();
            for (var result = parse.CommandResult; result != null; result = result.Parent as System.CommandLine.Parsing.CommandResult)
                names.Insert(0, result.Command is RootCommand ? "azbt" : result.Command.Name);
            return string.Join(" ", names);
        }
    }
}
