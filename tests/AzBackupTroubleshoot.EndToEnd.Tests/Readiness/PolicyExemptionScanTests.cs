using AzBackupTroubleshoot.Checks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.EndToEnd.Tests.Emulator;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using AzBackupTroubleshoot.Emulator;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Readiness;

/// <summary>
/// AzurePolicy.RestorePointCreation through the SDK and the emulator: exemptions (PolicyExemptions_List, read once per
/// subscription that has assignments), expiry, denyAction, modify before deny, and exemptions that cannot be read.
/// </summary>
public sealed class PolicyExemptionScanTests
{
    private const string Check = "AzurePolicy.RestorePointCreation";
    private const string Auth = "/providers/Microsoft.Authorization";
    private static readonly string Sub = "/subscriptions/" + Sub1;

    /// <summary>
    /// Sub1: five protected VMs, each with its collection in its own group and a north-only deny at that group (one a
    /// denyAction on restore point deletes, one a required tag that a modify at the same group adds); vm-exempt's and
    /// vm-expired's assignments have exemptions at the group, one live, one expired. Sub2: one VM and no assignments.
    /// </summary>
    private static Scenario Build()
    {
        var b = new ScenarioBuilder().Subscription(Sub1).Subscription(Sub2);
        var vault = VaultId(Sub1, "rg-backup", "rsv");
        b.Resource($$"""
            { "id": "{{Sub}}{{Auth}}/policyDefinitions/north-only", "name": "north-only", "type": "Microsoft.Authorization/policyDefinitions",
              "properties": { "policyType": "Custom", "mode": "Indexed", "displayName": "North only", "parameters": {},
                "policyRule": { "if": { "field": "location", "notIn": [ "northeurope" ] }, "then": { "effect": "deny" } } } }
            """);
        b.Resource($$"""
            { "id": "{{Sub}}{{Auth}}/policyDefinitions/keep-points", "name": "keep-points", "type": "Microsoft.Authorization/policyDefinitions",
              "properties": { "policyType": "Custom", "mode": "All", "displayName": "Keep restore points", "parameters": {},
                "policyRule": { "if": { "field": "type", "equals": "Microsoft.Compute/restorePointCollections/restorePoints" },
                  "then": { "effect": "denyAction", "details": { "actionNames": [ "delete" ] } } } } }
            """);
        b.Resource($$"""
            { "id": "{{Sub}}{{Auth}}/policyDefinitions/need-owner", "name": "need-owner", "type": "Microsoft.Authorization/policyDefinitions",
              "properties": { "policyType": "Custom", "mode": "Indexed", "displayName": "Owner tag required", "parameters": {},
                "policyRule": { "if": { "field": "tags['Owner']", "exists": "false" }, "then": { "effect": "deny" } } } }
            """);
        b.Resource($$"""
            { "id": "{{Sub}}{{Auth}}/policyDefinitions/add-owner", "name": "add-owner", "type": "Microsoft.Authorization/policyDefinitions",
              "properties": { "policyType": "Custom", "mode": "Indexed", "displayName": "Add the Owner tag", "parameters": {},
                "policyRule": { "if": { "field": "tags['Owner']", "exists": "false" },
                  "then": { "effect": "modify", "details": { "roleDefinitionIds": [ "/providers/microsoft.authorization/roleDefinitions/b24988ac-6180-42a0-ab88-20f7382dd24c" ],
                    "operations": [ { "operation": "addOrReplace", "field": "tags['Owner']", "value": "ops" } ] } } } } }
            """);
        foreach (var (vm, definition, exemptionExpires) in new[]
        {
            ("vm-exempt", "north-only", "@now+30d"), ("vm-expired", "north-only", "@now-1d"), ("vm-denied", "north-only", null),
            ("vm-nodelete", "keep-points", null), ("vm-tagged", "need-owner", null), ("vm-tagged", "add-owner", null),
        })
        {
            var id = VmId(Sub1, "apps", vm);
            var group = "rp-" + vm;
            if (definition != "add-owner") b.Vm(Sub1, "apps", vm).Protect(id, vault).RestorePoints(id, group, $"AzureBackup_{vm}_1", 3);
            var assignment = $"{Sub}/resourceGroups/{group}{Auth}/policyAssignments/{definition}";
            b.Resource($$"""
                { "id": "{{assignment}}", "name": "{{definition}}", "type": "Microsoft.Authorization/policyAssignments",
                  "properties": { "displayName": "{{definition}} on {{vm}}", "policyDefinitionId": "{{Sub}}{{Auth}}/policyDefinitions/{{definition}}",
                    "scope": "{{Sub}}/resourceGroups/{{group}}", "notScopes": [], "enforcementMode": "Default", "parameters": {} } }
                """);
            if (exemptionExpires != null)
                b.Resource($$"""
                    { "id": "{{Sub}}/resourceGroups/{{group}}{{Auth}}/policyExemptions/backup", "name": "backup", "type": "Microsoft.Authorization/policyExemptions",
                      "properties": { "policyAssignmentId": "{{assignment}}", "exemptionCategory": "Waiver", "expiresOn": "{{exemptionExpires}}", "displayName": "Azure Backup" } }
                    """);
        }
        b.Vm(Sub2, "apps", "vm-free");
        return b.Build();
    }

    private static Task<ScanOutcome> ScanAsync(EmulatedAzure azure)
        => azure.ScanAsync(new ScanScope().AddSubscription(Sub1).AddSubscription(Sub2), new[] { Check });

    [Fact]
    public async Task A_live_exemption_lifts_the_denial_an_expired_one_does_not_and_denyAction_warns()
    {
        await using var azure = await EmulatedAzure.StartAsync(Build());
        var outcome = await ScanAsync(azure);
        Assert.Empty(outcome.Errors);
        Assert.Equal(CheckStatus.Pass, outcome.Single("vm-exempt", Check).Status);
        Assert.Equal(CheckStatus.Fail, outcome.Single("vm-expired", Check).Status);
        Assert.Equal(CheckStatus.Fail, outcome.Single("vm-denied", Check).Status);
        var nodelete = outcome.Single("vm-nodelete", Check);
        Assert.Equal(CheckStatus.Warning, nodelete.Status);
        Assert.Contains("RestorePoints.CleanupStalled", nodelete.Message);
        Assert.Contains("UserErrorRequestDisallowedByPolicy", nodelete.Codes);
        Assert.Equal(CheckStatus.Pass, outcome.Single("vm-free", Check).Status);
        Assert.Equal(CheckStatus.Pass, outcome.Single("vm-tagged", Check).Status); // the modify adds the tag the deny requires
    }

    [Fact]
    public async Task Exemptions_are_listed_once_per_subscription_that_has_assignments_and_never_filtered()
    {
        await using var azure = await EmulatedAzure.StartAsync(Build());
        await ScanAsync(azure);
        var lists = azure.Emulator.Requests.Entries.Where(e => e.Method == "GET" && e.Path.EndsWith(Auth + "/policyExemptions", StringComparison.OrdinalIgnoreCase)).ToList();
        var one = Assert.Single(lists); // Sub2 has no assignments: nothing to exempt, no request
        Assert.Equal($"{Sub}{Auth}/policyExemptions", one.Path);
        Assert.Contains("api-version=2022-07-01-preview", one.Query);
        Assert.DoesNotContain("filter", one.Query, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task When_the_exemptions_cannot_be_read_a_denial_is_a_warning_not_a_fail_and_a_pass_stands()
    {
        await using var azure = await EmulatedAzure.StartAsync(Build());
        azure.Emulator.Faults.Add(new FaultRule { Method = "GET", PathPattern = "Microsoft.Authorization/policyExemptions$", Status = 403, ErrorCode = "AuthorizationFailed", Times = 100 });
        var outcome = await ScanAsync(azure);
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(AzBackupTroubleshoot.Errors.FailureKind.Authorization, error.Kind);
        var exempt = outcome.Single("vm-exempt", Check);
        Assert.Equal(CheckStatus.Warning, exempt.Status);
        Assert.Contains("could not be read", exempt.Message);
        Assert.Equal(CheckStatus.Warning, outcome.Single("vm-denied", Check).Status);
        Assert.Equal(CheckStatus.Pass, outcome.Single("vm-free", Check).Status);
    }

    [Theory]
    [InlineData("", 2)]                                    // both groups' exemptions: those inside the subscription
    [InlineData("&$filter=atScope()", 0)]                  // none at the subscription or above it
    [InlineData("&$filter=excludeExpired()", 1)]
    [InlineData("&$filter=policyAssignmentId eq '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rp-vm-exempt/providers/Microsoft.Authorization/policyAssignments/north-only'", 1)]
    public async Task The_emulator_serves_the_exemption_list_with_the_documented_filters(string filter, int expected)
    {
        await using var azure = await EmulatedAzure.StartAsync(Build());
        using var client = new EmulatorClient(azure.Emulator);
        var (items, _) = await client.ListAllAsync($"{Sub}{Auth}/policyExemptions?api-version=2022-07-01-preview{filter}");
        Assert.Equal(expected, items.Count);
    }

    [Fact]
    public async Task The_emulator_rejects_a_filter_the_spec_does_not_document()
    {
        await using var azure = await EmulatedAzure.StartAsync(Build());
        using var client = new EmulatorClient(azure.Emulator);
        var reply = await client.GetAsync($"{Sub}{Auth}/policyExemptions?api-version=2022-07-01-preview&$filter=name eq 'backup'");
        Assert.Equal(400, reply.Status);
        Assert.Equal("InvalidQueryParameterValue", reply.ErrorCode);
    }
}
