using System;
using System.IO;
using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Reads a scenario file for the emulator; a missing or malformed file is bad input, said in one line.</summary>
    public static class ScenarioFile
    {
        /// <summary>The error code of a scenario file that is missing or not valid.</summary>
        public const string Code = "InvalidScenario";

        public static Scenario Load(string path)
        {
            if (!File.Exists(path)) throw ErrorReport.InvalidInput($"Scenario file '{path}' does not exist.", Code, path);
            try
            {
                var scenario = Scenario.Load(path);
                foreach (var fault in scenario.Settings.Faults)
                    _ = new Regex(fault.PathPattern); // the emulator compiles these when it starts: a bad one is the file's fault
                return scenario;
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is FormatException || ex is InvalidOperationException
                                       || ex is ArgumentException || ex is NotSupportedException)
            {
                throw ErrorReport.InvalidInput($"Scenario file '{path}' is not valid: {ex.Message}", Code, path);
            }
        }
    }
}
