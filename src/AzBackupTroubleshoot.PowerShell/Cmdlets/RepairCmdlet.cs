using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading.Tasks;
using AzBackupTroubleshoot.PowerShell.Output;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Errors;
using AzBackupTroubleshoot.PowerShell.Errors;
using AzBackupTroubleshoot.Repairs;

namespace AzBackupTroubleshoot.PowerShell.Cmdlets
{
    /// <summary>
    /// What the cmdlets that change Azure share: one connection for the whole pipeline, asking before each planned
    /// action (ShouldProcess, with -Force answering the prompt), writing the engine's RepairRecords, and turning the
    /// engine's refusals and faults into non-terminating errors so that one bad input does not stop the others.
    /// Everything runs on the pipeline thread: PowerShell accepts prompts and writes from that thread only.
    /// </summary>
    public abstract class RepairCmdlet : ArmCmdlet
    {
        private ArmConnection? _connection;

        /// <summary>Set in BeginProcessing, before any input arrives.</summary>
        protected ArmConnection Connection => _connection ?? throw new InvalidOperationException("BeginProcessing has not run.");

        /// <summary>True when the user passed -Force; only the Repair cmdlets have that parameter.</summary>
        protected virtual bool ForceRequested => false;

        protected override void BeginProcessing() => _connection = Connect();

        /// <summary>
        /// Asks whether to carry out one action. -WhatIf always declines (and PowerShell prints the "What if:" line);
        /// -Force approves without a prompt unless -Confirm was asked for explicitly; otherwise PowerShell's ShouldProcess
        /// decides, prompting as ConfirmImpact and $ConfirmPreference say.
        /// </summary>
        protected bool Approve(string target, string description)
        {
            if (ForceRequested && !WhatIfRequested && !ConfirmRequested)
            {
                WriteVerbose($"-Force: {description} ({target})");
                return true;
            }
            return ShouldProcess(target, description);
        }

        /// <summary>
        /// Runs the engine's async work to its end on the pipeline thread. Ctrl+C cancels it (the engine still puts back
        /// any lock it lifted, whatever the token says) and stops the pipeline.
        /// </summary>
        protected T Await<T>(Task<T> work)
        {
            try
            {
                return work.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (StopToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        /// <summary>Writes each record; a Failed one also becomes a non-terminating error, so -ErrorAction Stop stops on it.</summary>
        protected void WriteRecords(IEnumerable<RepairRecord> records)
        {
            foreach (var record in records) WriteRecord(record);
        }

        protected void WriteRecord(RepairRecord record)
        {
            // A record's message is one line, whatever the step's failure said (an SDK message can carry status and headers).
            record.Message = FailureText.OneLine(record.Message);
            WriteObject(new BackupRepairRecord(record));
            if (record.Status == RepairStatus.Failed)
                WriteError(ErrorRecords.ForFailedRepairStep(record));
        }

        // Records the engine reports from pool threads wait here until the pipeline thread writes them.
        private readonly BlockingCollection<RepairRecord> _streamed = new BlockingCollection<RepairRecord>();

        /// <summary>Hand this to the engine (RepairOptions.OnRecord): records then appear as each step completes.</summary>
        protected Action<RepairRecord> StreamRecord => _streamed.Add;

        /// <summary>
        /// Runs engine work while writing, on the pipeline thread, every record it reports as soon as it reports it, so a
        /// crash or Ctrl+C never hides a change that was made.
        /// </summary>
        protected T Pump<T>(Task<T> work)
        {
            while (!work.IsCompleted)
                if (_streamed.TryTake(out var record, 50)) WriteRecord(record);
            Drain();
            return Await(work);
        }

        protected void Pump(Task work) => Pump(work.ContinueWith(t => { t.GetAwaiter().GetResult(); return true; }, TaskScheduler.Default));

        /// <summary>Writes the records reported so far.</summary>
        protected void Drain()
        {
            while (_streamed.TryTake(out var record)) WriteRecord(record);
        }

        /// <summary>
        /// Repairs one input. A refusal, a bad value or a failed ARM call becomes a non-terminating error about that input;
        /// a sign-in failure stops the cmdlet, since no other input could succeed either. Every record comes from
        /// <see cref="ErrorRecords"/>: the engine's code and kind, one line, no stack trace.
        /// </summary>
        /// <param name="invalidInputErrorId">The error id for a value the engine rejects with only the generic InvalidInput code.</param>
        protected void RepairOne(string input, string invalidInputErrorId, Action repair)
        {
            try
            {
                repair();
            }
            catch (RepairRefusedException error)
            {
                WriteError(ErrorRecords.ForRefusedRepair(error, input));
            }
            catch (Exception error) when (InvalidInput(error) is AzbtException failure)
            {
                WriteError(ErrorRecords.ForInvalidInput(failure, invalidInputErrorId, input));
            }
            catch (Exception error) when (!(error is PipelineStoppedException) && !(error is OperationCanceledException && StopToken.IsCancellationRequested))
            {
                var failure = FailureClassifier.Classify(error, input);
                if (failure.Kind == FailureKind.Authentication) ThrowTerminatingError(ErrorRecords.ForFailure(failure, input));
                WriteError(ErrorRecords.ForFailure(failure, input));
            }
        }

        protected bool WhatIfRequested => SwitchGiven("WhatIf", "WhatIfPreference");

        private bool ConfirmRequested => MyInvocation.BoundParameters.TryGetValue("Confirm", out var confirm) && IsTrue(confirm);

        /// <summary>The common switch as bound, or else the preference variable it defaults to (as PowerShell itself reads them).</summary>
        private bool SwitchGiven(string parameter, string preferenceVariable)
            => MyInvocation.BoundParameters.TryGetValue(parameter, out var bound)
                ? IsTrue(bound)
                : LanguagePrimitives.IsTrue(GetVariableValue(preferenceVariable));

        private static bool IsTrue(object? value) => value is SwitchParameter switchParameter ? switchParameter.IsPresent : LanguagePrimitives.IsTrue(value);
    }
}
