namespace Platform.Grains.Interfaces.Models;

/// <summary>A replica's load: sequences running and waiting, KV cache usage (0..1) and prefix-cache effectiveness.</summary>
[GenerateSerializer, Alias("platform.ReplicaLoad")]
public sealed record ReplicaLoad(
    string ReplicaKey,
    int Running,
    int Waiting,
    double KvUsage,
    long PrefixQueriedTokens,
    long PrefixHitTokens,
    long Preemptions,
    long GeneratedTokens)
{
    /// <summary>The load of a replica with no engine in memory.</summary>
    public static ReplicaLoad Idle(string replicaKey) => new(replicaKey, 0, 0, 0, 0, 0, 0, 0);
}
