namespace Platform.Silo.Benchmarks;

/// <summary>One concurrency level of `platform bench serve`: throughput over the level's wall time and latency over its requests.</summary>
public sealed record ServeLevelResult
{
    public required int Concurrency { get; init; }
    public required int Requests { get; init; }
    public required double WallSeconds { get; init; }
    public required int MeanPromptTokens { get; init; }
    public required long CompletionTokens { get; init; }
    public required double MeanTimeToFirstTokenSeconds { get; init; }
    public required double P50TimeToFirstTokenSeconds { get; init; }
    public required double P99TimeToFirstTokenSeconds { get; init; }
    /// <summary>Mean time between content chunks over all requests; NaN when no request streamed two.</summary>
    public required double MeanInterTokenSeconds { get; init; }
    /// <summary>Median gap between content chunks over all requests; NaN when no request streamed two.</summary>
    public required double P50InterTokenSeconds { get; init; }
    /// <summary>99th-percentile gap between content chunks: the stall a stream sees when a step also prefills; NaN when no request streamed two.</summary>
    public required double P99InterTokenSeconds { get; init; }

    public double OutputTokensPerSecond => CompletionTokens / WallSeconds;

    public double RequestsPerSecond => Requests / WallSeconds;

    /// <summary>Summarises the completed requests of a level that took <paramref name="wallSeconds"/> from first send to last response.</summary>
    public static ServeLevelResult From(int concurrency, IReadOnlyList<StreamedCompletion> requests, double wallSeconds)
    {
        if (requests.Count == 0)
            throw new ArgumentException("a level needs at least one completed request.", nameof(requests));
        var ttft = requests.Select(r => r.TimeToFirstTokenSeconds).ToArray();
        var gaps = requests.SelectMany(r => r.InterTokenGapsSeconds).ToArray();
        return new ServeLevelResult
        {
            Concurrency = concurrency,
            Requests = requests.Count,
            WallSeconds = wallSeconds,
            MeanPromptTokens = (int)Math.Round(requests.Average(r => r.PromptTokens)),
            CompletionTokens = requests.Sum(r => (long)r.CompletionTokens),
            MeanTimeToFirstTokenSeconds = LatencyStatistics.Mean(ttft),
            P50TimeToFirstTokenSeconds = LatencyStatistics.Percentile(ttft, 50),
            P99TimeToFirstTokenSeconds = LatencyStatistics.Percentile(ttft, 99),
            MeanInterTokenSeconds = LatencyStatistics.Mean(gaps),
            P50InterTokenSeconds = gaps.Length == 0 ? double.NaN : LatencyStatistics.Percentile(gaps, 50),
            P99InterTokenSeconds = gaps.Length == 0 ? double.NaN : LatencyStatistics.Percentile(gaps, 99),
        };
    }
}
