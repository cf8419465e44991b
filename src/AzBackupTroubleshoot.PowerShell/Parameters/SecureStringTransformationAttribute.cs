using System.Management.Automation;
using System.Security;

namespace AzBackupTroubleshoot.PowerShell.Parameters
{
    /// <summary>
    /// Lets a SecureString parameter take a plain string too: Get-AzAccessToken returns a SecureString in recent Az
    /// versions and a string in older ones, and `az account get-access-token` prints a string.
    /// </summary>
    public sealed class SecureStringTransformationAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            switch (value)
            {
                case SecureString secure:
                    return secure;
                case string plain:
                    var result = new SecureString();
                    foreach (var c in plain.Trim()) result.AppendChar(c);
                    result.MakeReadOnly();
                    return result;
                default:
                    throw new ArgumentTransformationMetadataException(
                        "Expected a SecureString or a string holding the token, for example (Get-AzAccessToken).Token.");
            }
        }
    }
}
