using System.Text.Json;
using AzBackupTroubleshoot.Arm;

namespace AzBackupTroubleshoot.Restore
{
    /// <summary>
    /// The outcome of one ARM read a pre-check depends on. "Not found" is a fact a check can judge (the subnet does not
    /// exist); any other failure (403, throttling that outlasted retries) means the check cannot judge and says so.
    /// </summary>
    public sealed class ResourceRead
    {
        private ResourceRead(string path, JsonElement? body, ArmRequestFailedException? error, bool requested)
        {
            Path = path;
            Body = body;
            Error = error;
            WasRequested = requested;
        }

        /// <summary>The ARM path that was read (a resource id, or a list or action path).</summary>
        public string Path { get; }
        public JsonElement? Body { get; }
        public ArmRequestFailedException? Error { get; }

        /// <summary>False when the input this read needs was not given, so it was never sent.</summary>
        public bool WasRequested { get; }

        public bool Found => Body != null;
        public bool NotFound => Error?.IsNotFound == true;
        public bool Failed => Error != null && !Error.IsNotFound;

        /// <summary>ARM's reason for a failed read, for Skipped messages: "AuthorizationFailed: ...".</summary>
        public string FailureReason => Error == null ? "" : Error.Message;

        public static ResourceRead Of(string path, JsonElement body) => new ResourceRead(path, body, null, true);
        public static ResourceRead Failure(string path, ArmRequestFailedException error) => new ResourceRead(path, null, error, true);
        public static ResourceRead NotRequested(string path = "") => new ResourceRead(path, null, null, false);
    }
}
