using System;
using System.IO;
using AzBackupTroubleshoot.Emulator;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Reads a scenario file for the emulator; a missing or malformed file is bad input, said in one line.</summary>
    public static class ScenarioFile
    {
        public static Scenario Load(string path)
        {
            if (!File.Exists(path)) throw new UsageException($"Scenario file '{path}' does not exist.");
            try
            {
                return Scenario.Load(path);
            }
            catch (Exception ex) when (ex is System.Text.Json.JsonException || ex is FormatException || ex is InvalidOperationException
                                       || ex is ArgumentException || ex is NotSupportedException)
            {
                throw new UsageException($"Scenario file '{path}' is not valid: {ex.Message}");
            }
        }
    }
}
