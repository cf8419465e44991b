using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Checks.Disks;

namespace AzBackupTroubleshoot.Engine.Tests.Checks;

public class DiskChecksTests
{
    private static readonly Scenario Disks = Scenario.Load("disks-and-encryption.json");

    [Fact]
    public void SupportedSize_fails_a_disk_over_32_TB()
    {
        var outcome = Disks.Evaluate(new SupportedSizeCheck(), "vm-bigdisk");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("'vm-bigdisk_data_0' is 40000 GB", outcome.Message.English());
        Assert.Contains(outcome.Evidence, e => e.ResourceId.EndsWith("/disks/vm-bigdisk_data_0") && e.Path == "properties.diskSizeGB" && e.Value == "40000");
    }

    [Fact]
    public void SupportedSize_reads_unmanaged_sizes_from_the_vm_model()
    {
        var outcome = Disks.Evaluate(new SupportedSizeCheck(), "vm-unmanaged-big");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains(outcome.Evidence, e => e.Path == "properties.storageProfile.dataDisks[1].diskSizeGB" && e.Value == "40000");
    }

    [Fact]
    public void SupportedSize_fails_an_encrypted_disk_over_4_TB()
    {
        var outcome = Disks.Evaluate(new SupportedSizeCheck(), "vm-ade-big");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("encrypted", outcome.Message.English());
        Assert.Contains("8192 GB", outcome.Message.English());
    }

    [Fact]
    public void SupportedSize_passes_disks_within_limits()
        => Assert.Equal(CheckStatus.Pass, Disks.Evaluate(new SupportedSizeCheck(), "vm-ade-ok").Status);

    [Fact]
    public void SupportedSize_skips_when_no_size_is_known()
        => Assert.Equal(CheckStatus.Skipped, Disks.Evaluate(new SupportedSizeCheck(), "vm-nosize").Status);

    [Fact]
    public void SupportedType_fails_an_ephemeral_os_disk()
    {
        var outcome = Disks.Evaluate(new SupportedTypeCheck(), "vm-ephemeral");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("ephemeral", outcome.Message.English());
        Assert.Equal(new[] { "NoCode.BackupOptionUnavailableDiskType" }, outcome.Codes);
    }

    [Theory]
    [InlineData("vm-ultra", "Ultra disk(s)")]
    [InlineData("vm-shared", "maxShares 2")]
    public void SupportedType_warns_on_limited_disk_kinds(string vm, string expected)
    {
        var outcome = Disks.Evaluate(new SupportedTypeCheck(), vm);
        Assert.Equal(CheckStatus.Warning, outcome.Status);
        Assert.Contains(expected, outcome.Message.English());
    }

    [Fact]
    public void SupportedType_passes_ordinary_managed_disks()
        => Assert.Equal(CheckStatus.Pass, Disks.Evaluate(new SupportedTypeCheck(), "vm-bigdisk").Status);

    [Fact]
    public void EncryptedDiskExclusion_fails_an_encrypted_vm_with_excluded_disks()
    {
        var outcome = Disks.Evaluate(new EncryptedDiskExclusionCheck(), "vm-ade-excluded");
        Assert.Equal(CheckStatus.Fail, outcome.Status);
        Assert.Contains("excludes LUN(s) 0", outcome.Message.English());
    }

    [Theory]
    [InlineData("vm-ade-ok")]            // exclusion list present but empty
    [InlineData("vm-ade-v2-excluded")]   // enhanced policy: the restriction is stated for standard policies
    public void EncryptedDiskExclusion_passes_when_all_disks_are_backed_up(string vm)
        => Assert.Equal(CheckStatus.Pass, Disks.Evaluate(new EncryptedDiskExclusionCheck(), vm).Status);

    [Theory]
    [InlineData("vm-bigdisk")]           // not encrypted
    [InlineData("vm-ade-nopolicy")]      // encrypted but not protected
    public void EncryptedDiskExclusion_skips_when_it_does_not_apply(string vm)
        => Assert.Equal(CheckStatus.Skipped, Disks.Evaluate(new EncryptedDiskExclusionCheck(), vm).Status);
}
