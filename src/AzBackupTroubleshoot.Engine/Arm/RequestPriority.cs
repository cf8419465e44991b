using Azure.Core;

namespace AzBackupTroubleshoot.Arm
{
    /// <summary>
    /// Which of a subscription's reads go first when its request slots or its read bucket are short: the lists every
    /// check needs, before the restore point reads (one per collection, most of a counted scan's requests) that only
    /// the last checks read.
    /// </summary>
    public enum RequestPriority
    {
        Normal,

        /// <summary>Given a slot or a token only when no normal read of the same subscription is waiting for one.</summary>
        Low,
    }

    /// <summary>A request's priority rides on its message, so the pipeline's pacing policy can read it on every attempt.</summary>
    internal static class RequestPriorities
    {
        private const string Property = "AzBackupTroubleshoot.RequestPriority";

        public static void Set(HttpMessage message, RequestPriority priority)
        {
            if (priority != RequestPriority.Normal) message.SetProperty(Property, priority);
        }

        public static RequestPriority Of(HttpMessage message)
            => message.TryGetProperty(Property, out var value) && value is RequestPriority priority ? priority : RequestPriority.Normal;
    }
}
