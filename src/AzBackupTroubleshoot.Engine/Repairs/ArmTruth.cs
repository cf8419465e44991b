using System;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Arm;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Repairs
{
    /// <summary>
    /// Asks ARM whether something exists, after a write whose answer cannot be trusted alone (a 404 on a DELETE or on
    /// its poll, a lost connection, a deadline): a repair believes a GET, never a status code.
    /// </summary>
    public static class ArmTruth
    {
        /// <summary>How long one confirming read may take; it runs even after the deadline or Ctrl+C.</summary>
        public static TimeSpan ReadTimeout { get; set; } = TimeSpan.FromSeconds(60);

        /// <summary>True when ARM returns it, false on 404 (a delete in progress still counts as existing), null when ARM could not be asked.</summary>
        public static async Task<bool?> ExistsAsync(ArmConnection connection, string id)
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            try
            {
                await connection.Json.GetAsync(id, ApiVersionFor(id), null, timeout.Token).ConfigureAwait(false);
                return true;
            }
            catch (ArmRequestFailedException ex) when (ex.IsNotFound)
            {
                return false;
            }
            catch (Exception ex) when (!(ex is ArmAuthenticationException))
            {
                return null;
            }
        }

        /// <summary>The lock as ARM holds it now; null when it is absent; throws when ARM could not be asked.</summary>
        public static async Task<System.Text.Json.JsonElement?> ReadLockAsync(ArmConnection connection, string lockId)
        {
            using var timeout = new CancellationTokenSource(ReadTimeout);
            try
            {
                return await connection.Json.GetAsync(lockId, ApiVersions.Locks, null, timeout.Token).ConfigureAwait(false);
            }
            catch (ArmRequestFailedException ex) when (ex.IsNotFound)
            {
                return null;
            }
        }

        internal static string ApiVersionFor(string id)
        {
            if (id.IndexOf("/providers/Microsoft.Authorization/locks/", StringComparison.OrdinalIgnoreCase) >= 0) return ApiVersions.Locks;
            if (id.IndexOf("/providers/Microsoft.Compute/", StringComparison.OrdinalIgnoreCase) >= 0) return ApiVersions.Compute;
            if (id.IndexOf("/providers/Microsoft.RecoveryServices/", StringComparison.OrdinalIgnoreCase) >= 0) return ApiVersions.RecoveryServicesBackup;
            return ArmIds.ResourceGroupOf(id) == null ? ApiVersions.Subscriptions : ApiVersions.Resources;
        }
    }
}
