using Platform.Grains.Interfaces.Models;
using Platform.Grains.Metrics;

namespace Platform.Grains.Deployments;

/// <summary>
/// Picks among ready replicas by the prompt tokens each would reuse from its prefix cache, minus a penalty for its
/// running and waiting sequences and its KV usage (the shape of Dynamo's overlap − usage − waiting cost), after the
/// hot-prefix guard has set aside replicas far busier than the idlest.
/// </summary>
internal static class PrefixRouting
{
    /// <summary>
    /// The replica for a prompt whose leading blocks each replica holds <paramref name="matchedBlocks"/>[r] of;
    /// <paramref name="sticky"/> (the replica of the request's session or cache key, or -1) wins ties.
    /// </summary>
    public static (int Replica, RoutingReason Reason) Pick(IReadOnlyDictionary<int, ReplicaLoad> ready, ReadOnlySpan<int> matchedBlocks, int blockSize,
        int sticky, PrefixRoutingOptions options)
    {
        var least = int.MaxValue;
        var most = 0;
        foreach (var load in ready.Values)
        {
            least = Math.Min(least, Sequences(load));
            most = Math.Max(most, Sequences(load));
        }
        var guarded = most - least > options.ImbalanceSequences && most > options.ImbalanceRatio * least;
        var best = -1;
        var bestScore = double.NegativeInfinity;
        foreach (var (replica, load) in ready.OrderBy(p => p.Key))
        {
            if (guarded && Sequences(load) > least + options.ImbalanceSequences)
                continue;
            var score = (double)matchedBlocks[replica] * blockSize - options.LoadPenaltyTokens * Sequences(load) - options.KvPenaltyTokens * load.KvUsage
                + (replica == sticky ? 0.5 : 0);
            if (score > bestScore)
                (best, bestScore) = (replica, score);
        }
        var reason = matchedBlocks[best] > 0 ? RoutingReason.Prefix : best == sticky ? RoutingReason.Session : RoutingReason.Load;
        return (best, reason);
    }

    private static int Sequences(ReplicaLoad load) => load.Running + load.Waiting;
}
