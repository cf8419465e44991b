using System;
using System.IO;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Reads a scenario file for the emulator; a missing or malformed file is bad input, said in one line.</summary>
    public static class ScenarioFile
    {
        /// <summary>The error code of a scenario file that is missing or not valid.</summary>
        public const string Code = Errors.FailureCodes.InvalidScenario;

        public static Scenario Load(string path)
        {
            if (!File.Exists(path)) throw ErrorReport.InvalidInput($"Scenario file '{path}' does not exist.", Code, path);
            try
            {
                // The emulator checks the whole file, fault patterns included, and says what is wrong in one line.
                return Scenario.Load(path);
            }
            catch (Exception ex) when (ex is InvalidScenarioException || ex is System.Text.Json.JsonException || ex is FormatException
                                       || ex is InvalidOperationException || ex is ArgumentException || ex is NotSupportedException)
            {
                throw ErrorReport.InvalidInput($"Scenario file '{path}' is not valid: {ex.Message}", Code, path);
            }
            catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
            {
                throw ErrorReport.InvalidInput($"Scenario file '{path}' cannot be read: {ex.Message}", Code, path);
            }
        }
    }
}
