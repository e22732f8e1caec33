using Platform.Engine.Sampling;

namespace Platform.Engine.Generation;

/// <summary>
/// One step's output for a request: the new token ids, the text they completed (stop strings withheld), their log
/// probabilities when asked for, and on the last event the finish reason, usage and metrics.
/// </summary>
public sealed record TokenEvent(
    string RequestId,
    IReadOnlyList<int> TokenIds,
    string Text,
    IReadOnlyList<SampledToken>? Logprobs,
    FinishReason? FinishReason = null,
    GenerationUsage? Usage = null,
    RequestMetrics? Metrics = null,
    string? StopString = null)
{
    /// <summary>Whether this is the request's last event.</summary>
    public bool IsFinal => FinishReason is not null;
}
