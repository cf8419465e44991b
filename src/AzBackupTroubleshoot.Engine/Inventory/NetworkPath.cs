using System.Text.Json;

namespace AzBackupTroubleshoot.Inventory
{
    /// <summary>One NIC of a VM with the NSGs that filter its traffic: the NIC's own and its subnet's.</summary>
    public sealed class NetworkPath
    {
        public NetworkPath(JsonElement nic, JsonElement? nicSecurityGroup, JsonElement? subnet, JsonElement? subnetSecurityGroup)
        {
            Nic = nic;
            NicSecurityGroup = nicSecurityGroup;
            Subnet = subnet;
            SubnetSecurityGroup = subnetSecurityGroup;
        }

        public JsonElement Nic { get; }
        public JsonElement? NicSecurityGroup { get; }
        public JsonElement? Subnet { get; }
        public JsonElement? SubnetSecurityGroup { get; }
    }
}
