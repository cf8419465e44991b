using System.Text.RegularExpressions;
using AzBackupTroubleshoot.Cli;
using AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure;
using static AzBackupTroubleshoot.EndToEnd.Tests.Infrastructure.ScenarioBuilder;

namespace AzBackupTroubleshoot.EndToEnd.Tests.Cli;

/// <summary>One emulator for the whole table; each case counts the requests it caused.</summary>
public sealed class BadInputEmulator : IAsyncLifetime
{
    public static readonly string Vm = VmId(Sub1, "rg-app", "vm1");
    public static readonly string Vault = VaultId(Sub1, "rg-vault", "vault1");

    public EmulatedAzure Azure { get; private set; } = null!;

    public string Dir { get; } = Directory.CreateTempSubdirectory("azbt-bad-").FullName;

    public async Task InitializeAsync()
    {
        Azure = await EmulatedAzure.StartAsync(new ScenarioBuilder().Subscription(Sub1).Vm(Sub1, "rg-app", "vm1").Protect(Vm, Vault)
            .RestorePoints(Vm, "AzureBackupRG_westeurope_1", "AzureBackup_vm1_1", 18).Job(Vault, Vm, "job1", "InProgress").Build());
        File.WriteAllText(Path.Combine(Dir, "not-json.json"), "this is { not json");
        File.WriteAllText(Path.Combine(Dir, "empty.json"), "");
        File.WriteAllText(Path.Combine(Dir, "array.json"), "[1, 2, 3]");
        File.WriteAllText(Path.Combine(Dir, "bad-regex.json"), "{\"subscriptions\":[],\"settings\":{\"faults\":[{\"path\":\"(unclosed[\",\"status\":500}]}}");
        File.WriteAllText(Path.Combine(Dir, "empty-token"), "   \n");
        foreach (var (name, json) in MalformedScenarios) File.WriteAllText(Path.Combine(Dir, name), json);
        Directory.CreateDirectory(Path.Combine(Dir, "a-directory.json"));
    }

    /// <summary>Scenario files the emulator cannot serve, each wrong in another way (patterns, shapes, statuses, counts).</summary>
    public static readonly (string Name, string Json)[] MalformedScenarios =
    {
        ("bad-query-regex.json", "{\"settings\":{\"faults\":[{\"path\":\".*\",\"query\":\"(?<x\",\"status\":500}]}}"),
        ("bad-effect.json", "{\"settings\":{\"faults\":[{\"effect\":\"Explode\"}]}}"),
        ("bad-status.json", "{\"settings\":{\"faults\":[{\"status\":700}]}}"),
        ("status-text.json", "{\"settings\":{\"faults\":[{\"status\":\"abc\"}]}}"),
        ("times-zero.json", "{\"settings\":{\"faults\":[{\"status\":500,\"times\":0}]}}"),
        ("negative-delay.json", "{\"settings\":{\"faults\":[{\"status\":0,\"delayMs\":-5}]}}"),
        ("fault-not-object.json", "{\"settings\":{\"faults\":[5]}}"),
        ("faults-not-array.json", "{\"settings\":{\"faults\":{\"path\":\".*\"}}}"),
        ("subscriptions-not-array.json", "{\"subscriptions\":5}"),
        ("subscription-without-id.json", "{\"subscriptions\":[{}]}"),
        ("resource-without-id.json", "{\"resources\":[{\"type\":\"Microsoft.Compute/virtualMachines\"}]}"),
        ("group-without-subscription.json", "{\"resourceGroups\":[{\"id\":\"/resourceGroups/rg\"}]}"),
        ("truncated.json", "{\"subscriptions\":[{\"subscriptionId\":\"a"),
    };

    public async Task DisposeAsync()
    {
        await Azure.DisposeAsync();
        Directory.Delete(Dir, recursive: true);
    }
}

/// <summary>
/// Bad input to every azbt command, as a table: each case must end with the documented exit code, exactly one line on
/// stderr, no stack frame, no exception type name, nothing on stdout, and no request at all (the emulator's log).
/// Commands that talk to ARM get a working emulator endpoint appended, so a value that slipped through would show
/// as a request.
/// </summary>
public sealed class BadInputTests : IClassFixture<BadInputEmulator>
{
    private static readonly Regex ExceptionName = new(@"\b[A-Z]\w+Exception\b");
    private readonly BadInputEmulator _fixture;

    public BadInputTests(BadInputEmulator fixture) => _fixture = fixture;

    private const string Good = "/subscriptions/" + Sub1;
    private static readonly string Vm = BadInputEmulator.Vm;
    private static readonly string Vault = BadInputEmulator.Vault;
    private static readonly string Job = BadInputEmulator.Vault + "/backupJobs/job1";
    private static readonly string TargetGroup = $"/subscriptions/{Sub1}/resourceGroups/rg-target";
    private static readonly string Long = new('a', 5000);

    /// <summary>Malformed VM ids: wrong shape, path traversal, query strings, unicode and control characters, very long.</summary>
    private static readonly string[] BadVmIds =
    {
        "",
        " ",
        "vm1",
        "/subscriptions/xyz/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
        "/subscriptions/------------------------------------/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
        $"/subscriptions/{Sub1}/resourceGroups/../providers/Microsoft.Compute/virtualMachines/vm",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/..",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm/../../../x",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm?api-version=2020-01-01",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/",
        $"/subscriptions/{Sub1}/resourceGroups//providers/Microsoft.Compute/virtualMachines/vm",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/vm",
        $"https://management.azure.com/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/vm\r\nX-Injected: 1",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/{Long}",
    };

    private static readonly string[] BadSubscriptions = { "", "not-a-guid", "------------------------------------", Sub1 + "/..", Sub1 + "?x=1", "{" + Sub1 + "}", "１１１１１１１１-1111-1111-1111-111111111111" };

    private static readonly string[] BadResourceGroups = { "..", ".", "rg/x", "rg?x=1", "rg.", new string('r', 91), "" };

    private static readonly string[] BadVaults =
    {
        "", "../..", $"/subscriptions/{Sub1}/resourceGroups/rg",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/../..",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/v?x=1",
        $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.RecoveryServices/vaults/",
    };

    private static readonly string[] BadJobs = { "", "x", "/", Vault, Vault + "/backupJobs/", Vault + "/backupJobs/../../..", Vault + "/backupJobs/j?x=1", Job + "/../other" };

    /// <summary>Where `collect` would write its inventory: a rejected command never creates it.</summary>
    private static readonly string NeverWritten = Path.Combine(Path.GetTempPath(), "azbt-bad-input-never-written.json");

    /// <summary>The ARM commands, each with the least it needs to be valid apart from the value under test.</summary>
    private static readonly (string[] Command, string[] Tail)[] VmCommands =
    {
        (new[] { "readiness" }, Array.Empty<string>()),
        (new[] { "failures" }, Array.Empty<string>()),
        (new[] { "restore-readiness" }, new[] { "--target-resource-group", $"/subscriptions/{Sub1}/resourceGroups/rg-target" }),
        (new[] { "repair", "restore-points" }, new[] { "--dry-run" }),
        (new[] { "repair", "extension" }, new[] { "--dry-run" }),
        (new[] { "backup", "start" }, new[] { "--dry-run" }),
        (new[] { "repair", "resume" }, new[] { "--dry-run" }),
        (new[] { "collect" }, new[] { "--out", NeverWritten }),
    };


    private static readonly (string[] Command, string[] Valid)[] ArmCommands =
    {
        (new[] { "readiness" }, new[] { "--vm", BadInputEmulator.Vm }),
        (new[] { "failures" }, new[] { "--vm", BadInputEmulator.Vm }),
        (new[] { "restore-readiness" }, new[] { "--vm", BadInputEmulator.Vm, "--target-resource-group", $"/subscriptions/{Sub1}/resourceGroups/rg-target" }),
        (new[] { "repair", "restore-points" }, new[] { "--vm", BadInputEmulator.Vm, "--dry-run" }),
        (new[] { "repair", "extension" }, new[] { "--vm", BadInputEmulator.Vm, "--dry-run" }),
        (new[] { "backup", "start" }, new[] { "--vm", BadInputEmulator.Vm, "--dry-run" }),
        (new[] { "job", "cancel" }, new[] { "--job", BadInputEmulator.Vault + "/backupJobs/job1", "--dry-run" }),
    };

    // Values that only the engine's identifier rules (Arm/Identifiers: resource group names per ARM's rules, no '..' or
    // empty segment, no query, vault and job id shapes) reject: kept as a theory of their own, the cases a shape check
    // alone (a regex of the id's outline) let through.
    private static readonly HashSet<int> PendingVm = new() { 4, 5, 6, 8, 13 };
    private static readonly HashSet<int> PendingGroup = new() { 0, 1, 2, 3, 4, 5 };
    private static readonly HashSet<int> PendingVault = new() { 3, 4, 5 };
    private static readonly HashSet<int> PendingJob = new() { 1, 2, 3, 4, 5, 6, 7 };

    /// <summary>A case: the arguments, the exit code, and whether a working emulator endpoint is appended.</summary>
    public static TheoryData<string, string[], int, bool> Cases() => Build(pending: false);

    public static TheoryData<string, string[], int, bool> PendingCases() => Build(pending: true);

    private static TheoryData<string, string[], int, bool> Build(bool pending)
    {
        var data = new TheoryData<string, string[], int, bool>();
        var waiting = false;
        void Add(string name, int exit, bool arm, params string[] args)
        {
            if (waiting == pending) data.Add(name, args, exit, arm);
        }
        void AddIf(bool isPending, string name, int exit, bool arm, params string[] args)
        {
            waiting = isPending;
            Add(name, exit, arm, args);
            waiting = false;
        }
        const int Bad = ExitCodes.InvalidInput;

        // Malformed ids of every kind, on every command that takes them.
        foreach (var (command, tail) in VmCommands)
            for (var i = 0; i < BadVmIds.Length; i++)
                AddIf(PendingVm.Contains(i), $"{string.Join(" ", command)} --vm bad#{i}", Bad, true, command.Concat(new[] { "--vm", BadVmIds[i] }).Concat(tail).ToArray());
        foreach (var command in new[] { "readiness", "failures" })
        {
            for (var i = 0; i < BadSubscriptions.Length; i++) Add($"{command} --subscription bad#{i}", Bad, true, command, "--subscription", BadSubscriptions[i]);
            for (var i = 0; i < BadResourceGroups.Length; i++) AddIf(PendingGroup.Contains(i), $"{command} --resource-group bad#{i}", Bad, true, command, "--subscription", Sub1, "--resource-group", BadResourceGroups[i]);
            Add($"{command} --resource-group without --subscription", Bad, true, command, "--resource-group", "rg");
            Add($"{command} --resource-group with two subscriptions", Bad, true, command, "--resource-group", "rg", "--subscription", Sub1, "--subscription", Sub2);
        }
        for (var i = 0; i < BadVaults.Length; i++) AddIf(PendingVault.Contains(i), $"failures --vault bad#{i}", Bad, true, "failures", "--vault", BadVaults[i]);
        for (var i = 0; i < BadJobs.Length; i++) AddIf(PendingJob.Contains(i), $"job cancel --job bad#{i}", Bad, true, "job", "cancel", "--job", BadJobs[i], "--dry-run");
        foreach (var (option, value) in new[] { ("--target-resource-group", $"/subscriptions/{Sub1}/resourceGroups/.."), ("--target-resource-group", "rg-restore"),
                     ("--target-resource-group", $"/subscriptions/{Sub1}/resourceGroups/rg/../x"), ("--vault", "../.."), ("--storage-account", $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Storage/storageAccounts/UPPER"),
                     ("--subnet", $"/subscriptions/{Sub1}/resourceGroups/rg/providers/Microsoft.Network/virtualNetworks/v"), ("--vm-name", "-bad-"), ("--dns-label", "-bad-"), ("--vm-name", Long) })
        {
            var args = new List<string> { "restore-readiness", "--vm", Vm, "--target-resource-group", TargetGroup };
            var at = args.IndexOf(option);
            if (at >= 0) args[at + 1] = value; else args.AddRange(new[] { option, value });
            AddIf(value.Contains("..") || value.EndsWith("UPPER"), $"restore-readiness {option} {OptionKitShown(value)}", Bad, true, args.ToArray());
        }

        // Values outside their set, wrong types, out of range: on every command that has the option.
        foreach (var (command, valid) in ArmCommands)
        {
            var name = string.Join(" ", command);
            string[] With(params string[] more) => command.Concat(valid).Concat(more).ToArray();
            Add($"{name} --output xml", Bad, true, With("--output", "xml"));
            Add($"{name} --environment Mars", Bad, false, With("--environment", "Mars"));
            Add($"{name} --pin-sha256 for a real cloud", Bad, false, With("--endpoint", "https://management.azure.com/", "--pin-sha256", new string('A', 64), "--access-token", "t"));
            Add($"{name} --concurrency abc", Bad, true, With("--concurrency", "abc"));
            Add($"{name} unknown option", Bad, true, With("--bogus", "1"));
            Add($"{name} --scenario with --endpoint", Bad, true, With("--scenario", RepoPaths.DemoScenario));
            Add($"{name} --access-token with --managed-identity", Bad, false, With("--access-token", "t", "--managed-identity", "--endpoint", "https://127.0.0.1:1/"));
            Add($"{name} --access-token-file missing", Bad, false, With("--scenario", RepoPaths.DemoScenario, "--access-token-file", "/no/such/token"));
        }
        foreach (var command in new[] { "checks", "explain" })
            Add($"{command} --output xml", Bad, false, command == "explain" ? new[] { "explain", "--code", "320001", "--output", "xml" } : new[] { "checks", "--output", "xml" });
        Add("readiness --output empty", Bad, true, "readiness", "--vm", Vm, "--output", "");
        Add("readiness --output twice", Bad, true, "readiness", "--vm", Vm, "--output", "json", "--output", "table");
        Add("readiness --lang fr", Bad, true, "readiness", "--vm", Vm, "--lang", "fr");
        Add("readiness --fail-on error", Bad, true, "readiness", "--vm", Vm, "--fail-on", "error");
        Add("readiness --check unknown", Bad, true, "readiness", "--vm", Vm, "--check", "No.SuchCheck");
        Add("readiness --exclude-check empty", Bad, true, "readiness", "--vm", Vm, "--exclude-check", "");
        Add("readiness --concurrency 0", Bad, true, "readiness", "--vm", Vm, "--concurrency", "0");
        Add("readiness --concurrency 65", Bad, true, "readiness", "--vm", Vm, "--concurrency", "65");
        Add("readiness --concurrency 1e3", Bad, true, "readiness", "--vm", Vm, "--concurrency", "1e3");
        Add("readiness --backup-service-object-id not a guid", Bad, true, "readiness", "--vm", Vm, "--backup-service-object-id", "svc");
        Add("readiness --endpoint http", Bad, false, "readiness", "--vm", Vm, "--endpoint", "http://127.0.0.1:1/", "--access-token", "t");
        Add("readiness --endpoint relative", Bad, false, "readiness", "--vm", Vm, "--endpoint", "management.azure.com", "--access-token", "t");
        Add("readiness --endpoint with query", Bad, false, "readiness", "--vm", Vm, "--endpoint", "https://127.0.0.1:1/?x=1", "--access-token", "t");
        Add("readiness --pin-sha256 not hex", Bad, true, "readiness", "--vm", Vm, "--pin-sha256", "zz");
        Add("readiness --vm without value", Bad, true, "readiness", "--vm");
        Add("readiness positional argument", Bad, true, "readiness", Vm);
        Add("failures --vault with --vm", Bad, true, "failures", "--vault", Vault, "--vm", Vm);
        Add("failures --vault with --subscription", Bad, true, "failures", "--vault", Vault, "--subscription", Sub1);
        Add("failures --lang de", Bad, true, "failures", "--lang", "de");
        Add("restore-readiness without target group", Bad, true, "restore-readiness", "--vm", Vm);
        Add("restore-readiness without vm", Bad, true, "restore-readiness", "--target-resource-group", TargetGroup);
        Add("restore-readiness --check", Bad, true, "restore-readiness", "--vm", Vm, "--target-resource-group", TargetGroup, "--check", "Vm.PowerState");
        Add("repair restore-points neither --dry-run nor --yes", Bad, true, "repair", "restore-points", "--vm", Vm);
        Add("repair restore-points both --dry-run and --yes", Bad, true, "repair", "restore-points", "--vm", Vm, "--dry-run", "--yes");
        Add("repair restore-points without --vm", Bad, true, "repair", "restore-points", "--dry-run");
        Add("repair restore-points --keep-latest -1", Bad, true, "repair", "restore-points", "--vm", Vm, "--keep-latest", "-1", "--dry-run");
        Add("repair restore-points --keep-latest 19", Bad, true, "repair", "restore-points", "--vm", Vm, "--keep-latest", "19", "--dry-run");
        Add("repair restore-points --retain-days 0", Bad, true, "repair", "restore-points", "--vm", Vm, "--retain-days", "0", "--yes");
        Add("backup start --retain-days 1.5", Bad, true, "backup", "start", "--vm", Vm, "--retain-days", "1.5", "--yes");
        Add("backup start --yes=maybe", Bad, true, "backup", "start", "--vm", Vm, "--yes", "maybe");
        Add("job cancel without --job", Bad, true, "job", "cancel", "--yes");
        Add("job cancel both --dry-run and --yes", Bad, true, "job", "cancel", "--job", Job, "--dry-run", "--yes");
        Add("repair unknown noun", Bad, false, "repair", "everything", "--vm", Vm);
        Add("repair without noun", Bad, false, "repair");
        Add("unknown command", Bad, false, "frobnicate");
        Add("no command", Bad, false);
        Add("explain without code or message", Bad, false, "explain");
        Add("explain both code and message", Bad, false, "explain", "--code", "320001", "--message", "text");
        Add("explain blank code", Bad, false, "explain", "--code", " ");
        Add("explain --top 0", Bad, false, "explain", "--message", "text", "--top", "0");
        Add("explain --top 21", Bad, false, "explain", "--message", "text", "--top", "21");
        Add("explain --top x", Bad, false, "explain", "--message", "text", "--top", "x");
        Add("explain --lang klingon", Bad, false, "explain", "--code", "320001", "--lang", "klingon");
        Add("explain connection option", Bad, false, "explain", "--code", "320001", "--vm", Vm);
        Add("checks unknown option", Bad, false, "checks", "--vm", Vm);
        Add("emulator without scenario or fleet", Bad, false, "emulator");
        Add("emulator scenario and fleet", Bad, false, "emulator", "--scenario", RepoPaths.DemoScenario, "--fleet", "3");
        Add("emulator --fleet 0", Bad, false, "emulator", "--fleet", "0");
        Add("emulator --fleet abc", Bad, false, "emulator", "--fleet", "abc");
        Add("emulator --subscriptions without --fleet", Bad, false, "emulator", "--scenario", RepoPaths.DemoScenario, "--subscriptions", "2");
        Add("emulator --port 70000", Bad, false, "emulator", "--fleet", "3", "--port", "70000");
        Add("emulator --latency-ms -1", Bad, false, "emulator", "--fleet", "3", "--latency-ms", "-1");
        return data;
    }

    /// <summary>Scenario files that are missing or malformed, for every command that reads one.</summary>
    public static TheoryData<string, string> ScenarioCases()
    {
        var data = new TheoryData<string, string>();
        foreach (var command in new[] { "readiness", "failures", "restore-readiness", "repair restore-points", "emulator" })
            foreach (var file in new[] { "missing.json", "not-json.json", "empty.json", "array.json", "bad-regex.json", "a-directory.json" }
                         .Concat(BadInputEmulator.MalformedScenarios.Select(m => m.Name)))
                data.Add(command, file);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Bad_input_is_one_line_and_its_exit_code_and_nothing_is_asked_of_ARM(string name, string[] args, int exit, bool arm)
    {
        var emulator = _fixture.Azure.Emulator;
        if (arm) args = args.Concat(new[] { "--endpoint", emulator.Endpoint.ToString(), "--pin-sha256", emulator.CertificateSha256, "--access-token", "t" }).ToArray();
        await AssertRejected(name, args, exit);
    }

    [Theory]
    [MemberData(nameof(PendingCases))]
    public async Task Malformed_identifiers_the_engine_rules_reject(string name, string[] args, int exit, bool arm)
    {
        var emulator = _fixture.Azure.Emulator;
        if (arm) args = args.Concat(new[] { "--endpoint", emulator.Endpoint.ToString(), "--pin-sha256", emulator.CertificateSha256, "--access-token", "t" }).ToArray();
        // The line names the rule that refused the value, as the engine's code.
        await AssertRejected(name, args, exit, code: "Invalid(ResourceId|ResourceGroupName|SubscriptionId)");
    }

    [Theory]
    [MemberData(nameof(ScenarioCases))]
    public async Task A_missing_or_malformed_scenario_file_is_one_line_and_exit_2(string command, string file)
    {
        var args = command.Split(' ').Concat(new[] { "--scenario", Path.Combine(_fixture.Dir, file) }).ToList();
        if (command == "restore-readiness") args.AddRange(new[] { "--vm", Vm, "--target-resource-group", TargetGroup });
        if (command == "repair restore-points") args.AddRange(new[] { "--vm", Vm, "--dry-run" });
        // A file that is there but not a scenario the emulator can serve is InvalidScenario; a path that is no file is
        // already refused while the options are parsed (InvalidInput).
        var code = File.Exists(Path.Combine(_fixture.Dir, file)) ? "InvalidScenario" : null;
        await AssertRejected($"{command} {file}", args.ToArray(), ExitCodes.InvalidInput, code);
    }

    [Fact]
    public async Task An_empty_token_file_is_one_line_and_exit_2()
        => await AssertRejected("empty token file", new[] { "readiness", "--vm", Vm, "--endpoint", _fixture.Azure.Emulator.Endpoint.ToString(),
            "--pin-sha256", _fixture.Azure.Emulator.CertificateSha256, "--access-token-file", Path.Combine(_fixture.Dir, "empty-token") }, ExitCodes.InvalidInput);

    private async Task AssertRejected(string name, string[] args, int expectedExit, string? code = null)
    {
        var requests = _fixture.Azure.Emulator.Requests;
        var (before, writesBefore) = (requests.Total, requests.Writes);
        var (exit, stdout, stderr) = await CliRun.Run(args);

        var lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')).ToArray();
        Assert.True(exit == expectedExit, $"{name}: exit {exit}, expected {expectedExit}; stderr: {stderr}");
        Assert.True(lines.Length == 1, $"{name}: {lines.Length} lines on stderr: {stderr}");
        Assert.Matches(code == null ? "^error: " : $"^error: {code}: ", lines[0]);
        Assert.DoesNotContain("   at ", stderr);
        Assert.False(ExceptionName.IsMatch(stderr), $"{name}: an exception type name on stderr: {stderr}");
        Assert.Equal("", stdout);
        Assert.Equal(writesBefore, requests.Writes);
        Assert.True(requests.Total == before, $"{name}: {requests.Total - before} request(s) reached the emulator");
        Assert.False(File.Exists(NeverWritten), $"{name}: wrote {NeverWritten}");
    }

    private static string OptionKitShown(string value) => value.Length <= 40 ? value : value.Substring(0, 37) + "...";
}
