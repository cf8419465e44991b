using System.Linq;
using AzBackupTroubleshoot.Emulator.Http;

namespace AzBackupTroubleshoot.Emulator.Endpoints;

/// <summary>GET /subscriptions, /subscriptions/{s}, /subscriptions/{s}/resourcegroups[/{rg}].</summary>
internal sealed class SubscriptionEndpoints
{
    private readonly Scenario _scenario;

    public SubscriptionEndpoints(Scenario scenario) => _scenario = scenario;

    /// <summary>Like ARM, the list holds only subscriptions the caller can read: forbidden ones are left out.</summary>
    public ArmReply List(ArmRequest request)
        => Paging.Page(request, _scenario.AllSubscriptions.Where(s => !_scenario.Settings.IsForbidden((string?)s["subscriptionId"])).ToList());

    public ArmReply Get(string subscriptionId) => ArmReply.Json(ResourceJson.Write(_scenario.FindSubscription(subscriptionId)!));

    public ArmReply ListResourceGroups(ArmRequest request, string subscriptionId)
        => Paging.Page(request, _scenario.ResourceGroupsOf(subscriptionId).ToList());

    public ArmReply GetResourceGroup(string subscriptionId, string name)
        => ArmReply.Json(ResourceJson.Write(_scenario.FindResourceGroup(subscriptionId, name)!));
}
