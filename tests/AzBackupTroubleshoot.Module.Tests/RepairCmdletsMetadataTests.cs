namespace AzBackupTroubleshoot.Module.Tests;

/// <summary>The parameter contract of the cmdlets that change Azure, as PowerShell will see it, in both builds.</summary>
public class RepairCmdletsMetadataTests
{
    public static readonly TheoryData<string> Editions = CmdletConventionTests.Editions;

    public static readonly TheoryData<string, string> VmCmdlets = new()
    {
        { "Core", "Repair-AzRestorePointCollection" }, { "Desktop", "Repair-AzRestorePointCollection" },
        { "Core", "Repair-AzVmBackupExtension" }, { "Desktop", "Repair-AzVmBackupExtension" },
        { "Core", "Start-AzVmBackup" }, { "Desktop", "Start-AzVmBackup" },
    };

    public static readonly TheoryData<string, string> AllRepairCmdlets = new()
    {
        { "Core", "Repair-AzRestorePointCollection" }, { "Core", "Repair-AzVmBackupExtension" }, { "Core", "Start-AzVmBackup" }, { "Core", "Stop-AzVmBackupJob" },
        { "Desktop", "Repair-AzRestorePointCollection" }, { "Desktop", "Repair-AzVmBackupExtension" }, { "Desktop", "Start-AzVmBackup" }, { "Desktop", "Stop-AzVmBackupJob" },
    };

    private static CmdletInfo Cmdlet(string edition, string name) => CmdletMetadata.Of(edition).Cmdlet(name);

    [Theory]
    [InlineData("Repair-AzRestorePointCollection", "High")]
    [InlineData("Repair-AzVmBackupExtension", "High")]
    [InlineData("Stop-AzVmBackupJob", "High")]
    [InlineData("Start-AzVmBackup", "Medium")]
    public void Deletes_and_cancellations_prompt_by_default_and_a_backup_start_does_not(string name, string impact)
    {
        foreach (var edition in CmdletConventionTests.Editions)
        {
            var cmdlet = Cmdlet(edition, name);
            Assert.True(cmdlet.SupportsShouldProcess);
            Assert.Equal(impact, cmdlet.ConfirmImpact);
        }
    }

    [Theory]
    [MemberData(nameof(VmCmdlets))]
    public void ResourceId_binds_strings_and_the_ids_of_piped_VMs_and_readiness_results(string edition, string name)
    {
        var resourceId = Cmdlet(edition, name).Parameter("ResourceId");
        Assert.Equal(typeof(string[]).FullName, resourceId.Type.FullName);
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, Mandatory: true, FromPipeline: true, FromPipelineByPropertyName: true), Assert.Single(resourceId.Uses));
        // Order matters: PowerShell takes the first alias the piped object has, and Get-AzVM objects have both Id
        // (the resource id) and VmId (the VM's GUID); readiness results and repair records have only VmId.
        Assert.Equal(new[] { "Id", "VmId" }, resourceId.Aliases);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void JobId_binds_strings_and_piped_objects_by_JobId_or_Id_and_must_be_a_job_resource_id(string edition)
    {
        var jobId = Cmdlet(edition, "Stop-AzVmBackupJob").Parameter("JobId");
        Assert.Equal(typeof(string[]).FullName, jobId.Type.FullName);
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, Mandatory: true, FromPipeline: true, FromPipelineByPropertyName: true), Assert.Single(jobId.Uses));
        Assert.Equal(new[] { "Id" }, jobId.Aliases);

        var pattern = new System.Text.RegularExpressions.Regex((string)jobId.AttributeArguments("ValidatePatternAttribute")!.Single()!,
            System.Text.RegularExpressions.RegexOptions.IgnoreCase); // ValidatePattern ignores case by default
        Assert.Matches(pattern, "/subscriptions/6d1e0f2a-3b4c-4d5e-8f60-7a8b9c0d1e2f/resourceGroups/rg-backup-ne/providers/Microsoft.RecoveryServices/vaults/rsv-prod-ne/backupJobs/5ab00002-0000-4000-8000-000000000002");
        Assert.DoesNotMatch(pattern, "5ab00002-0000-4000-8000-000000000002"); // the bare GUID Az.RecoveryServices shows as JobId
        Assert.DoesNotMatch(pattern, "/subscriptions/s/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v/backupJobs/j/cancel");
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Restore_point_cleanup_takes_its_options(string edition)
    {
        var cmdlet = Cmdlet(edition, "Repair-AzRestorePointCollection");
        foreach (var name in new[] { "RemoveLock", "StartBackup", "Force" })
            Assert.Equal("System.Management.Automation.SwitchParameter", cmdlet.Parameter(name).Type.FullName);
        var keepLatest = cmdlet.Parameter("KeepLatest");
        Assert.Equal(typeof(int?).FullName, keepLatest.Type.FullName); // null means "delete whole collections"
        Assert.Equal(new object?[] { 0, 18 }, keepLatest.AttributeArguments("ValidateRangeAttribute"));
        Assert.Equal(typeof(DateTime).FullName, cmdlet.Parameter("RetainUntil").Type.FullName);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Only_the_Repair_cmdlets_take_Force(string edition)
    {
        Assert.Equal("System.Management.Automation.SwitchParameter", Cmdlet(edition, "Repair-AzRestorePointCollection").Parameter("Force").Type.FullName);
        Assert.Equal("System.Management.Automation.SwitchParameter", Cmdlet(edition, "Repair-AzVmBackupExtension").Parameter("Force").Type.FullName);
        Assert.DoesNotContain(Cmdlet(edition, "Start-AzVmBackup").Parameters, p => p.Name == "Force");
        Assert.DoesNotContain(Cmdlet(edition, "Stop-AzVmBackupJob").Parameters, p => p.Name == "Force");
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Start_AzVmBackup_takes_a_retention_date(string edition)
        => Assert.Equal(typeof(DateTime).FullName, Cmdlet(edition, "Start-AzVmBackup").Parameter("RetainUntil").Type.FullName);

    [Theory]
    [MemberData(nameof(AllRepairCmdlets))]
    public void Writes_RepairRecords_and_takes_the_connection_parameters(string edition, string name)
    {
        var cmdlet = Cmdlet(edition, name);
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Output.BackupRepairRecord", Assert.Single(cmdlet.OutputTypes).FullName);
        foreach (var parameter in new[] { "Environment", "ArmEndpoint", "AccessToken", "UseManagedIdentity", "ManagedIdentityClientId", "TenantId", "TrustedCertificateSha256" })
            Assert.False(Assert.Single(cmdlet.Parameter(parameter).Uses).Mandatory);
        // One parameter set: every parameter is in all sets.
        Assert.Empty(cmdlet.ParameterSets);
    }

    [Theory]
    [MemberData(nameof(VmCmdlets))]
    public void VM_repairs_take_a_journal_directory_and_a_deadline(string edition, string name)
    {
        var cmdlet = Cmdlet(edition, name);
        Assert.Equal(typeof(string).FullName, cmdlet.Parameter("JournalPath").Type.FullName);
        Assert.Equal(typeof(TimeSpan).FullName, cmdlet.Parameter("Deadline").Type.FullName);
        Assert.False(Assert.Single(cmdlet.Parameter("Deadline").Uses).Mandatory);
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Restore_AzBackupLock_resumes_journals_for_piped_vms_or_all_and_supports_what_if(string edition)
    {
        var cmdlet = Cmdlet(edition, "Restore-AzBackupLock");
        Assert.True(cmdlet.SupportsShouldProcess);
        Assert.Equal("Medium", cmdlet.ConfirmImpact); // putting a lock back destroys nothing
        var resourceId = cmdlet.Parameter("ResourceId");
        Assert.Equal(new ParameterUse(CmdletMetadata.AllParameterSets, Mandatory: false, FromPipeline: true, FromPipelineByPropertyName: true), Assert.Single(resourceId.Uses));
        Assert.Equal(new[] { "Id", "VmId" }, resourceId.Aliases);
        Assert.Equal(typeof(string).FullName, cmdlet.Parameter("JournalPath").Type.FullName);
        Assert.Equal("AzBackupTroubleshoot.PowerShell.Output.BackupRepairRecord", Assert.Single(cmdlet.OutputTypes).FullName);
    }
}
