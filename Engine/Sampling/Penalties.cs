namespace Platform.Engine.Sampling;

/// <summary>Applies repetition, presence and frequency penalties to one row of logits, in place.</summary>
public static class Penalties
{
    /// <summary>Penalises the tokens in <paramref name="history"/> as <paramref name="parameters"/> ask.</summary>
    public static void Apply(Span<float> logits, SamplingParams parameters, TokenHistory history)
    {
        if (history.Seen is { } seen)
        {
            var penalty = parameters.RepetitionPenalty;
            foreach (var token in seen)
            {
                if ((uint)token >= (uint)logits.Length)
                    continue;
                ref var logit = ref logits[token];
                logit = logit > 0 ? logit / penalty : logit * penalty;
            }
        }
        if (history.OutputCounts is { } counts)
        {
            foreach (var (token, count) in counts)
            {
                if ((uint)token < (uint)logits.Length)
                    logits[token] -= parameters.FrequencyPenalty * count + parameters.PresencePenalty;
            }
        }
    }
}
