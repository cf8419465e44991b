using AzBackupTroubleshoot.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Emulator.SmallScenario;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Emulator;

/// <summary>Protected items and jobs with $filter, on-demand backup, and job cancellation.</summary>
public sealed class BackupJobTests
{
    private const string V = "?api-version=2025-02-01";

    [Fact]
    public async Task Protected_items_honour_backupManagementType_and_itemType_and_ignore_other_clauses()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var (iaas, _) = await client.ListAllAsync(VaultId + "/backupProtectedItems" + V + "&$filter=" + Uri.EscapeDataString("backupManagementType eq 'AzureIaasVM' and itemType eq 'VM' and somethingElse gt 3"));
        var (sql, _) = await client.ListAllAsync(VaultId + "/backupProtectedItems" + V + "&$filter=" + Uri.EscapeDataString("backupManagementType eq 'AzureWorkload'"));

        Assert.Equal(ItemId, Assert.Single(iaas).GetProperty("id").GetString());
        Assert.Empty(sql);
    }

    [Fact]
    public async Task Jobs_filter_on_status_operation_and_the_start_time_window()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        async Task<string[]> Jobs(string filter)
        {
            var (items, _) = await client.ListAllAsync(VaultId + "/backupJobs" + V + "&$filter=" + Uri.EscapeDataString(filter));
            return items.Select(j => j.GetProperty("name").GetString()![^1..]).Order().ToArray();
        }

        Assert.Equal(new[] { "1", "2", "3" }, await Jobs("backupManagementType eq 'AzureIaasVM'"));
        Assert.Equal(new[] { "1" }, await Jobs("status eq 'InProgress'"));
        Assert.Equal(new[] { "3" }, await Jobs("operation eq 'ConfigureBackup'"));
        Assert.Equal(new[] { "1", "2" }, await Jobs("startTime eq '2024-03-01 00:00:00 AM' and endTime eq '2024-03-31 11:59:59 PM'"));
        Assert.Equal(new[] { "1" }, await Jobs("startTime eq '2024-03-10 00:00:00 AM' and endTime eq '2024-03-31 00:00:00 AM'"));
        Assert.Equal(new[] { "2" }, await Jobs("startTime eq '2024-03-09 12:00:00 AM' and endTime eq '2024-03-09 01:30:00 PM'"));
    }

    [Fact]
    public async Task An_on_demand_backup_creates_an_in_progress_job_that_completes_on_later_reads()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var accepted = await client.SendAsync(HttpMethod.Post, ItemId + "/backup" + V, """{"properties":{"objectType":"IaasVMBackupRequest"}}""");
        var operation = await client.GetAsync(accepted.Headers["Azure-AsyncOperation"]);
        var jobName = operation.Body!.Value.GetProperty("properties").GetProperty("jobId").GetString();
        var firstRead = await client.GetAsync($"{VaultId}/backupJobs/{jobName}{V}");
        var secondRead = await client.GetAsync($"{VaultId}/backupJobs/{jobName}{V}");
        var item = await client.GetAsync(ItemId + V);

        Assert.Equal(202, accepted.Status);
        Assert.Contains("/operationResults/", accepted.Headers["Location"]);
        Assert.Contains("/operationsStatus/", accepted.Headers["Azure-AsyncOperation"]);
        var first = firstRead.Body!.Value.GetProperty("properties");
        Assert.Equal(("InProgress", "Backup", "vm-web", "AzureIaaSVMJob"),
            (first.GetProperty("status").GetString(), first.GetProperty("operation").GetString(), first.GetProperty("entityFriendlyName").GetString(), first.GetProperty("jobType").GetString()));
        Assert.Equal("Completed", secondRead.Body!.Value.GetProperty("properties").GetProperty("status").GetString());
        Assert.Equal("Completed", item.Body!.Value.GetProperty("properties").GetProperty("lastBackupStatus").GetString());
    }

    [Fact]
    public async Task Cancelling_a_running_job_goes_through_Cancelling_to_Cancelled()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var accepted = await client.SendAsync(HttpMethod.Post, RunningJobId + "/cancel" + V);
        var firstPoll = await client.GetAsync(accepted.Headers["Location"]);
        var secondPoll = await client.GetAsync(accepted.Headers["Location"]);
        var first = await client.GetAsync(RunningJobId + V);
        var second = await client.GetAsync(RunningJobId + V);

        Assert.Equal(202, accepted.Status);
        Assert.StartsWith($"{emulator.Endpoint}{RunningJobId.TrimStart('/')}/operationResults/", accepted.Headers["Location"]);
        Assert.Equal((202, 204), (firstPoll.Status, secondPoll.Status));
        Assert.Equal("Cancelling", first.Body!.Value.GetProperty("properties").GetProperty("status").GetString());
        Assert.Equal("Cancelled", second.Body!.Value.GetProperty("properties").GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_job_that_is_not_running_cannot_be_cancelled()
    {
        await using var emulator = await ArmEmulator.StartAsync(Create());
        using var client = new EmulatorClient(emulator);

        var reply = await client.SendAsync(HttpMethod.Post, CompletedJobId + "/cancel" + V);
        var missing = await client.SendAsync(HttpMethod.Post, VaultId + "/backupJobs/no-such-job/cancel" + V);

        Assert.Equal(400, reply.Status);
        Assert.Equal("BMSUserErrorJobNotInCancellableState", reply.ErrorCode);
        Assert.Equal(404, missing.Status);
    }
}
