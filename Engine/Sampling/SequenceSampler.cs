using System.Numerics.Tensors;
using Platform.Engine.Structured.Matching;

namespace Platform.Engine.Sampling;

/// <summary>
/// Picks one request's next tokens: logit bias and the min_tokens ban on end tokens, the output constraint's mask, then
/// penalties, then greedy argmax or temperature → min-p → top-k → top-p → a draw from the request's own random
/// generator. Log probabilities are the log-softmax of the logits after bias, mask, penalties and temperature (vLLM's
/// processed logprobs), before truncation: with a constraint they are those of the masked distribution, and masked
/// tokens (-inf) are never reported as alternatives.
/// </summary>
public sealed class SequenceSampler
{
    private readonly Random? _random;
    private readonly TokenHistory _history;
    private readonly LogitAdjustments _adjustments;
    private int _generated;

    /// <summary>
    /// Creates the sampler of one request whose prompt is <paramref name="prompt"/>; <paramref name="endTokenIds"/> are
    /// the tokens that would end it (EOS, stop token ids), which min_tokens keeps from being sampled early;
    /// <paramref name="constraint"/> masks what may come next.
    /// </summary>
    public SequenceSampler(SamplingParams parameters, ReadOnlySpan<int> prompt, IReadOnlyCollection<int>? endTokenIds = null, ConstraintMatcher? constraint = null)
    {
        Constraint = constraint;
        parameters.Validate();
        Parameters = parameters;
        _history = new TokenHistory(parameters, prompt);
        _adjustments = new LogitAdjustments(parameters, endTokenIds);
        if (!parameters.IsGreedy)
            _random = parameters.Seed is { } seed ? new Random(unchecked((int)(seed ^ (seed >> 32)))) : new Random();
    }

    /// <summary>The request's sampling settings.</summary>
    public SamplingParams Parameters { get; }

    /// <summary>The request's output constraint, or null.</summary>
    public ConstraintMatcher? Constraint { get; }

    /// <summary>Samples from <paramref name="logits"/> (modified in place) and records the token for later penalties.</summary>
    public SampledToken Sample(Span<float> logits, SamplerWorkspace workspace)
    {
        var p = Parameters;
        if (!_adjustments.IsEmpty)
            _adjustments.Apply(logits, _generated);
        _generated++;
        // After bias and the min_tokens ban, which the mask keeps (it restores stop tokens' adjusted logits).
        Constraint?.Mask(logits);
        Penalties.Apply(logits, p, _history);
        if (p.Temperature > 0f && p.Temperature != 1f)
            TensorPrimitives.Multiply(logits, 1f / p.Temperature, logits);

        int token;
        float logNormaliser;
        var weights = workspace.Weights.AsSpan(0, logits.Length);
        if (p.IsGreedy)
        {
            token = TensorPrimitives.IndexOfMax(logits);
            logNormaliser = p.Logprobs is null ? 0f : LogSumExp(logits, weights);
        }
        else
        {
            var max = TensorPrimitives.Max(logits);
            TensorPrimitives.Subtract(logits, max, weights);
            TensorPrimitives.Exp(weights, weights);
            logNormaliser = max + MathF.Log(TensorPrimitives.Sum(weights));
            token = Draw(weights, workspace.Indices);
        }
        Constraint?.Accept(token);
        _history.Add(token);
        if (p.Logprobs is not { } top)
            return new SampledToken(token, null, null);
        return new SampledToken(token, logits[token] - logNormaliser, TopLogprobs(logits, logNormaliser, top, workspace.Indices));
    }

    private int Draw(Span<float> weights, Span<int> indices)
    {
        var p = Parameters;
        if (p.MinP > 0f)
        {
            // Weights are exp(logit - max), so the most likely token has weight 1 and the cut-off is MinP itself.
            for (var i = 0; i < weights.Length; i++)
                if (weights[i] < p.MinP)
                    weights[i] = 0f;
        }
        if (p.TopK > 0 || p.TopP < 1f)
        {
            var kept = indices[CandidateSelection.SelectNucleus(weights, indices, p.TopK, p.TopP)];
            var sum = 0f;
            foreach (var candidate in kept)
                sum += weights[candidate];
            var target = (float)(_random!.NextDouble() * sum);
            foreach (var candidate in kept)
            {
                target -= weights[candidate];
                if (target < 0f)
                    return candidate;
            }
            return kept[0];
        }
        var total = TensorPrimitives.Sum(weights);
        var draw = (float)(_random!.NextDouble() * total);
        var last = 0;
        for (var i = 0; i < weights.Length; i++)
        {
            if (weights[i] <= 0f)
                continue;
            last = i;
            draw -= weights[i];
            if (draw < 0f)
                return i;
        }
        return last;
    }

    private static float LogSumExp(ReadOnlySpan<float> logits, Span<float> scratch)
    {
        var max = TensorPrimitives.Max(logits);
        TensorPrimitives.Subtract(logits, max, scratch);
        TensorPrimitives.Exp(scratch, scratch);
        return max + MathF.Log(TensorPrimitives.Sum(scratch));
    }

    private static TokenLogprob[] TopLogprobs(ReadOnlySpan<float> logits, float logNormaliser, int count, Span<int> scratch)
    {
        var found = CandidateSelection.TopN(logits, scratch[..Math.Min(count, logits.Length)]);
        // Masked tokens (-inf) rank last: an alternative list stops at the first of them.
        while (found > 0 && float.IsNegativeInfinity(logits[scratch[found - 1]]))
            found--;
        var result = new TokenLogprob[found];
        for (var i = 0; i < found; i++)
            result[i] = new TokenLogprob(scratch[i], logits[scratch[i]] - logNormaliser);
        return result;
    }
}
