namespace Platform.Grains.Deployments;

/// <summary>The weights of prefix-aware routing: how much reuse a replica's load outweighs, and when load alone decides.</summary>
public sealed record PrefixRoutingOptions
{
    /// <summary>Prompt tokens of reuse one running or waiting sequence on a replica is worth giving up.</summary>
    public int LoadPenaltyTokens { get; init; } = 32;

    /// <summary>Prompt tokens of reuse a full KV cache is worth giving up (scaled by the replica's usage, 0..1).</summary>
    public int KvPenaltyTokens { get; init; } = 256;

    /// <summary>
    /// The hot-prefix guard (as SGLang's cache-aware router): when the busiest ready replica has more than this many
    /// sequences above the idlest and more than <see cref="ImbalanceRatio"/> times as many, only replicas within this many
    /// of the idlest are candidates, so a popular prefix cannot pile every request onto one replica.
    /// </summary>
    public int ImbalanceSequences { get; init; } = 4;

    /// <summary>See <see cref="ImbalanceSequences"/>.</summary>
    public double ImbalanceRatio { get; init; } = 1.5;

    /// <summary>Block keys the deployment's index holds before it forgets the oldest.</summary>
    public int IndexCapacity { get; init; } = 500_000;
}
