using Platform.Engine.Cache;

namespace Platform.Engine.Generation;

/// <summary>Engine-wide counters: queue lengths, KV usage, prefix-cache effectiveness, preemptions and work done.</summary>
public sealed record EngineStats(
    int Running,
    int Waiting,
    BlockPoolUsage KvUsage,
    long PrefixQueriedTokens,
    long PrefixHitTokens,
    long Preemptions,
    long Steps,
    long ComputedTokens,
    long GeneratedTokens,
    long FinishedRequests)
{
    /// <summary>Fraction of looked-up prompt tokens found in the prefix cache.</summary>
    public double PrefixHitRate => PrefixQueriedTokens == 0 ? 0 : (double)PrefixHitTokens / PrefixQueriedTokens;
}
