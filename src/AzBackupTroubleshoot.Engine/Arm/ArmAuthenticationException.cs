using System;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// No token could be had for ARM (no signed-in account, managed identity unavailable, ...). Raised by the engine so
    /// the fronts never need Azure.Identity's own exception types, which must stay inside the engine's load context.
    /// </summary>
    public sealed class ArmAuthenticationException : Exception
    {
        public ArmAuthenticationException(string message, Exception inner) : base(message, inner) { }
    }
}
