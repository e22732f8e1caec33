using Platform.Engine.Cache;

namespace Platform.Engine.Generation;

/// <summary>Engine-wide counters: queue lengths, KV usage, prefix-cache effectiveness, preemptions and work done.</summary>
public sealed record EngineStats(
    int Running,
    int Waiting,
    BlockPoolUsage KvUsage,
    int PeakUsedBlocks,
    long PrefixQueriedTokens,
    long PrefixHitTokens,
    long Preemptions,
    long Steps,
    long ComputedTokens,
    long GeneratedTokens,
    long FinishedRequests)
{
    /// <summary>Highest fraction of KV blocks in use at any step so far.</summary>
    public double PeakKvUsage => KvUsage.TotalBlocks == 0 ? 0 : (double)PeakUsedBlocks / KvUsage.TotalBlocks;

    /// <summary>Fraction of looked-up prompt tokens found in the prefix cache.</summary>
    public double PrefixHitRate => PrefixQueriedTokens == 0 ? 0 : (double)PrefixHitTokens / PrefixQueriedTokens;
}
