using System;

namespace AzBackupTroubleshoot.Knowledge
{
    /// <summary>Where an error is fixed. Only <see cref="Arm"/> fixes are within reach of this module's repair commands.</summary>
    public enum FixLocation
    {
        /// <summary>Through Azure Resource Manager (portal, REST, this module's repairs).</summary>
        Arm,
        /// <summary>Inside a Windows guest (services, registry, VSS, certificates).</summary>
        GuestWindows,
        /// <summary>Inside a Linux guest (waagent, mounts, file systems).</summary>
        GuestLinux,
        /// <summary>On the server running the MARS agent.</summary>
        MarsAgent,
        /// <summary>By hand and case by case: a choice of the user, Azure support, or either guest operating system.</summary>
        Manual,
    }

    public static class FixLocations
    {
        /// <summary>Parses the data-file spelling ("arm", "guest-windows", "guest-linux", "mars-agent", "manual").</summary>
        public static FixLocation Parse(string value) => value switch
        {
            "arm" => FixLocation.Arm,
            "guest-windows" => FixLocation.GuestWindows,
            "guest-linux" => FixLocation.GuestLinux,
            "mars-agent" => FixLocation.MarsAgent,
            "manual" => FixLocation.Manual,
            _ => throw new FormatException($"Unknown fixLocation '{value}'."),
        };
    }
}
