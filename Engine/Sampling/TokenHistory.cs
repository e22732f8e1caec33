namespace Platform.Engine.Sampling;

/// <summary>The tokens a request has seen, kept only in the form its penalties need.</summary>
public sealed class TokenHistory
{
    private readonly HashSet<int>? _seen;
    private readonly Dictionary<int, int>? _outputCounts;

    /// <summary>Starts the history from the prompt (the repetition penalty counts prompt tokens too).</summary>
    public TokenHistory(SamplingParams parameters, ReadOnlySpan<int> prompt)
    {
        if (parameters.RepetitionPenalty != 1f)
        {
            _seen = new HashSet<int>();
            foreach (var token in prompt)
                _seen.Add(token);
        }
        if (parameters.PresencePenalty != 0f || parameters.FrequencyPenalty != 0f)
            _outputCounts = new Dictionary<int, int>();
    }

    /// <summary>Distinct prompt and output tokens, or null when no repetition penalty applies.</summary>
    public IReadOnlySet<int>? Seen => _seen;

    /// <summary>How often each token was generated, or null when no presence/frequency penalty applies.</summary>
    public IReadOnlyDictionary<int, int>? OutputCounts => _outputCounts;

    /// <summary>Records a generated token.</summary>
    public void Add(int token)
    {
        _seen?.Add(token);
        if (_outputCounts is not null)
            _outputCounts[token] = _outputCounts.GetValueOrDefault(token) + 1;
    }
}
