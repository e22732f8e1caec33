namespace Platform.Grains.Interfaces.Models;

/// <summary>A replica's load: sequences running and waiting, KV cache usage (0..1) and prefix-cache effectiveness.</summary>
public sealed record ReplicaLoad(
    string ReplicaKey,
    int Running,
    int Waiting,
    double KvUsage,
    long PrefixQueriedTokens,
    long PrefixHitTokens,
    long Preemptions,
    long GeneratedTokens);
