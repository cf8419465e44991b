using System;
using System.CommandLine;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;
using AzBackupTroubleshoot.Errors;

namespace AzBackupTroubleshoot.Cli.Options
{
    /// <summary>
    /// --vm / --subscription / --resource-group, shared by the commands that scan: any mix; none = every subscription
    /// the identity can see. Each value is checked for its kind while parsing, before anything is read.
    /// </summary>
    public sealed class ScopeOptions
    {
        public Option<string[]> Vm { get; } = OptionKit.Repeatable("--vm", "a VM (repeatable)", "resource id");

        public Option<string[]> Subscription { get; } = OptionKit.Repeatable("--subscription", "a whole subscription (repeatable), or the subscription of --resource-group", "id");

        public Option<string[]> ResourceGroup { get; } = OptionKit.Repeatable("--resource-group", "a resource group (repeatable; needs exactly one --subscription)", "name");

        public Option[] All => new Option[] { Vm, Subscription, ResourceGroup };

        public void AddTo(Command command)
        {
            foreach (var option in All) command.Add(option);
            Vm.Validators.Add(result =>
            {
                foreach (var vm in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
                    if (OptionKit.EngineRule(() => new ScanScope().AddVm(vm)) is string error) result.AddError($"--vm: {error}");
            });
            Subscription.Validators.Add(result =>
            {
                foreach (var s in result.GetValueOrDefault<string[]>() ?? Array.Empty<string>())
                    if (OptionKit.EngineRule(() => new ScanScope().AddSubscription(s)) is string error) result.AddError($"--subscription: {error}");
            });
            command.Validators.Add(result =>
            {
                var groups = result.GetValue(ResourceGroup) ?? Array.Empty<string>();
                if (groups.Length == 0) return;
                var subscriptions = result.GetValue(Subscription) ?? Array.Empty<string>();
                if (subscriptions.Length != 1) { result.AddError("--resource-group needs exactly one --subscription."); return; }
                foreach (var rg in groups)
                    if (OptionKit.EngineRule(() => new ScanScope().AddResourceGroup(subscriptions[0], rg)) is string error) result.AddError($"--resource-group: {error}");
            });
        }

        public bool AnyGiven(ParseResult parse) => All.Any(o => OptionKit.Given(parse, o));

        /// <summary>The scope the options name; with none, every subscription the identity can see.</summary>
        public async Task<ScanScope> BuildAsync(ParseResult parse, ArmConnection connection, CancellationToken ct)
        {
            var scope = new ScanScope();
            foreach (var vm in parse.GetValue(Vm) ?? Array.Empty<string>()) scope.AddVm(vm);
            var subscriptions = parse.GetValue(Subscription) ?? Array.Empty<string>();
            var groups = parse.GetValue(ResourceGroup) ?? Array.Empty<string>();
            if (groups.Length > 0)
                foreach (var rg in groups) scope.AddResourceGroup(subscriptions[0], rg);
            else
                foreach (var s in subscriptions) scope.AddSubscription(s);
            if (scope.IsEmpty)
            {
                foreach (var s in await SubscriptionDiscovery.ListAsync(connection, ct).ConfigureAwait(false)) scope.AddSubscription(s);
                if (scope.IsEmpty) throw new AzbtException(FailureKind.NotFound, "NoSubscriptionVisible",
                    "The identity can see no subscription; name a scope with --vm, --subscription or --resource-group.");
            }
            return scope;
        }
    }
}
