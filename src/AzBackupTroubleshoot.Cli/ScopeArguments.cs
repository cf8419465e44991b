using System;
using System.Threading;
using System.Threading.Tasks;
using AzBackupTroubleshoot.Collect;
using AzBackupTroubleshoot.Connection;

namespace AzBackupTroubleshoot.Cli
{
    /// <summary>--vm / --subscription / --resource-group, shared by the commands that scan; none = every visible subscription.</summary>
    public static class ScopeArguments
    {
        public static readonly string[] Names = { "vm", "subscription", "resource-group" };

        public static async Task<ScanScope> BuildAsync(CliArguments args, ArmConnection connection, CancellationToken ct)
        {
            var scope = new ScanScope();
            try
            {
                foreach (var vm in args.All("vm")) scope.AddVm(vm);
                var subscriptions = args.All("subscription");
                var groups = args.All("resource-group");
                if (groups.Count > 0)
                {
                    if (subscriptions.Count != 1) throw new UsageException("--resource-group needs exactly one --subscription.");
                    foreach (var rg in groups) scope.AddResourceGroup(subscriptions[0], rg);
                }
                else
                {
                    foreach (var s in subscriptions) scope.AddSubscription(s);
                }
            }
            catch (ArgumentException ex)
            {
                throw new UsageException(ex.Message);
            }
            if (scope.IsEmpty)
            {
                foreach (var s in await SubscriptionDiscovery.ListAsync(connection, ct).ConfigureAwait(false)) scope.AddSubscription(s);
                if (scope.IsEmpty) throw new UsageException("The identity can see no subscription; name a scope with --vm, --subscription or --resource-group.");
            }
            return scope;
        }
    }
}
