using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;

namespace Platform.Grains.Tests.Support;

/// <summary>Routing with only an affinity key, as a caller without prompt blocks does (the session and failover tests).</summary>
public static class Routes
{
    public static async Task<string> Route(this IDeploymentGrain deployment, string affinityKey) =>
        (await deployment.Route(new RouteRequest(affinityKey, [], 0))).ReplicaKey;
}
