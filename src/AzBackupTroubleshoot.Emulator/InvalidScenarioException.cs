using System;

namespace AzBackupTroubleshoot.Emulator;

/// <summary>
/// A scenario (file or fault rule) the emulator cannot serve: not JSON, the wrong shape, a missing id, a fault whose
/// path or query pattern is not a regular expression, a status that is not HTTP's. The message is one line that says
/// where (e.g. <c>settings.faults[0].path</c>) and what is wrong; hosts report it as InvalidScenario.
/// </summary>
public sealed class InvalidScenarioException : FormatException
{
    public InvalidScenarioException(string message, Exception? innerException = null) : base(OneLine(message), innerException) { }

    internal static string OneLine(string text)
    {
        foreach (var line in text.Split(new[] { '\r', '\n' }, StringSplitOptions.RemoveEmptyEntries))
            if (line.Trim().Length > 0) return line.Trim();
        return text.Trim();
    }
}
