using Prometheus;

namespace Platform.Grains.Metrics;

/// <summary>The cumulative series of one replica on one silo (labels model_name, replica, silo), kept for the process's life.</summary>
internal sealed class ReplicaSeries
{
    public ReplicaSeries(EngineMetrics metrics, string model, string replica, string silo)
    {
        LabelValues = [model, replica, silo];
        PromptTokens = metrics.PromptTokens.WithLabels(LabelValues);
        GenerationTokens = metrics.GenerationTokens.WithLabels(LabelValues);
        Preemptions = metrics.Preemptions.WithLabels(LabelValues);
        PrefixQueries = metrics.PrefixQueries.WithLabels(LabelValues);
        PrefixHits = metrics.PrefixHits.WithLabels(LabelValues);
        TimeToFirstToken = new ReadableHistogram(metrics.TimeToFirstToken.WithLabels(LabelValues), MetricBuckets.TimeToFirstToken);
        InterTokenLatency = new ReadableHistogram(metrics.InterTokenLatency.WithLabels(LabelValues), MetricBuckets.InterToken);
        EndToEnd = metrics.EndToEnd.WithLabels(LabelValues);
        QueueTime = metrics.QueueTime.WithLabels(LabelValues);
        RequestPromptTokens = metrics.RequestPromptTokens.WithLabels(LabelValues);
        RequestGenerationTokens = metrics.RequestGenerationTokens.WithLabels(LabelValues);
        // Every reason exported from the start, as vLLM does, so rates over them exist before the first such finish.
        _success = FinishReasons.ToDictionary(r => r, r => metrics.RequestSuccess.WithLabels([.. LabelValues, r]));
    }

    private readonly Dictionary<string, Counter.Child> _success;

    public string[] LabelValues { get; }
    public string Model => LabelValues[0];
    public string Silo => LabelValues[2];

    public Counter.Child PromptTokens { get; }
    public Counter.Child GenerationTokens { get; }
    public Counter.Child Preemptions { get; }
    public Counter.Child PrefixQueries { get; }
    public Counter.Child PrefixHits { get; }
    public ReadableHistogram TimeToFirstToken { get; }
    public ReadableHistogram InterTokenLatency { get; }
    public Histogram.Child EndToEnd { get; }
    public Histogram.Child QueueTime { get; }
    public Histogram.Child RequestPromptTokens { get; }
    public Histogram.Child RequestGenerationTokens { get; }

    public Counter.Child Success(string finishedReason) => _success[finishedReason];

    /// <summary>Finished requests, every finish reason.</summary>
    public double Requests() => _success.Values.Sum(c => c.Value);

    /// <summary>vLLM's finished_reason values that our engine produces.</summary>
    public static readonly string[] FinishReasons = ["stop", "length", "abort"];
}
