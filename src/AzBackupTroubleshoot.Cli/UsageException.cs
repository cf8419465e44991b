using System;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>Bad command-line input found while running a command (a parse error is caught earlier): one line, exit code 2.</summary>
    public sealed class UsageException : Exception
    {
        public UsageException(string message) : base(message) { }
    }
}
