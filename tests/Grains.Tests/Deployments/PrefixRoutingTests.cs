using Platform.Grains.Deployments;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Metrics;

namespace Platform.Grains.Tests.Deployments;

public class PrefixRoutingTests
{
    private const int BlockSize = 16;
    private static readonly PrefixRoutingOptions Options = new();

    [Fact]
    public void TheReplicaHoldingTheLongestPrefix_Wins_OverAnIdlerOneThatHoldsNothing()
    {
        var ready = Loads((0, 0), (1, 1), (2, 0));
        int[] matched = [0, 32, 2];

        Assert.Equal((1, RoutingReason.Prefix), PrefixRouting.Pick(ready, Matched(matched), BlockSize, sticky: -1, Options));
    }

    [Fact]
    public void AHotPrefixYieldsToTheIdleReplicas_OnceItsHolderIsFarBusier()
    {
        // Every request shares the prefix replica 0 holds; 6 sequences there against none elsewhere trips the guard.
        var ready = Loads((0, 6), (1, 0), (2, 1));
        int[] matched = [64, 0, 0];

        var (replica, reason) = PrefixRouting.Pick(ready, Matched(matched), BlockSize, sticky: -1, Options);

        Assert.Equal(1, replica);
        Assert.Equal(RoutingReason.Load, reason);
    }

    [Fact]
    public void WithinTheGuard_LoadOutweighsOnlyAShortPrefix()
    {
        // One block of reuse is not worth a replica with two more sequences; thirty blocks are.
        Assert.Equal(1, PrefixRouting.Pick(Loads((0, 2), (1, 0)), Matched([1, 0]), BlockSize, sticky: -1, Options).Replica);
        Assert.Equal(0, PrefixRouting.Pick(Loads((0, 2), (1, 0)), Matched([30, 0]), BlockSize, sticky: -1, Options).Replica);
    }

    [Fact]
    public void WithNothingCached_TheSessionsReplicaBreaksTheTie()
    {
        Assert.Equal((1, RoutingReason.Session), PrefixRouting.Pick(Loads((0, 0), (1, 0)), Matched([0, 0]), BlockSize, sticky: 1, Options));
    }

    private static Dictionary<int, ReplicaLoad> Loads(params (int Replica, int Running)[] loads) =>
        loads.ToDictionary(l => l.Replica, l => new ReplicaLoad($"m/{l.Replica}", l.Running, 0, 0.1, 0, 0, 0, 0));

    private static int[] Matched(int[] matched)
    {
        var all = new int[PrefixIndex.MaxReplicas];
        matched.CopyTo(all, 0);
        return all;
    }
}
