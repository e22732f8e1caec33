namespace Platform.Engine.Structured.Matching;

/// <summary>
/// One request's position in its output grammar: masks the logits of tokens that cannot come next (to -inf) and follows
/// each sampled token. Stop tokens (EOS and the request's stop ids) are allowed only where the output is complete.
/// Allocation-free per step once the grammar's masks are cached.
/// </summary>
public sealed class ConstraintMatcher
{
    private readonly CompiledConstraint _constraint;
    private readonly int[] _stopTokens;
    private readonly float[] _stopLogits;
    private int _configuration;
    private bool _seenToken;
    private int _strip;

    /// <summary>Starts a match of <paramref name="constraint"/>; <paramref name="stopTokens"/> end the request.</summary>
    public ConstraintMatcher(CompiledConstraint constraint, IEnumerable<int> stopTokens)
    {
        _constraint = constraint;
        _stopTokens = stopTokens.Where(t => (uint)t < (uint)constraint.Vocabulary.Size).Distinct().ToArray();
        _stopLogits = new float[_stopTokens.Length];
        _configuration = constraint.Automaton.Start;
        _strip = constraint.Vocabulary.StripLeadingSpaces;
    }

    /// <summary>The constraint followed.</summary>
    public CompiledConstraint Constraint => _constraint;

    /// <summary>Whether the output so far is a complete sentence (a stop token may end it).</summary>
    public bool IsAccepting => _constraint.Automaton.IsAccepting(_configuration);

    /// <summary>Whether the output is complete and nothing may follow: the request ends here.</summary>
    public bool IsFinished => _constraint.Automaton.IsFinished(_configuration);

    // The decoder treats the output's start specially (first-token form, dropped leading spaces) until it has passed.
    private bool AtStart => _strip > 0 || (!_seenToken && _constraint.Vocabulary.HasFirstForm);

    /// <summary>Sets the logits of every token that cannot come next to -inf; throws when none can.</summary>
    public void Mask(Span<float> logits)
    {
        var mask = AtStart ? _constraint.StartMaskFor(_configuration, !_seenToken, _strip) : _constraint.MaskFor(_configuration);
        for (var i = 0; i < _stopTokens.Length; i++)
            _stopLogits[i] = logits[_stopTokens[i]];
        var any = MaskBits.Apply(mask, logits);
        var accepting = IsAccepting;
        for (var i = 0; i < _stopTokens.Length; i++)
            logits[_stopTokens[i]] = accepting ? _stopLogits[i] : float.NegativeInfinity;
        if (!any && !(accepting && _stopTokens.Length > 0))
            throw new InvalidOperationException($"No token of this model's vocabulary can continue the output required by {_constraint.Description}.");
    }

    /// <summary>Follows the sampled <paramref name="token"/> (a stop token leaves the position unchanged).</summary>
    public void Accept(int token)
    {
        if (Array.IndexOf(_stopTokens, token) >= 0)
            return;
        ReadOnlySpan<byte> bytes;
        if (AtStart)
        {
            bytes = _constraint.StartBytes(token, !_seenToken, _strip, out var stripLeft);
            _strip = stripLeft;
        }
        else
            bytes = _constraint.Vocabulary.Bytes(token);
        _seenToken = true;
        var next = _constraint.Automaton.Advance(_configuration, bytes);
        if (next == GrammarAutomaton.Dead)
            throw new InvalidOperationException($"Token {token} does not continue the output required by {_constraint.Description}.");
        _configuration = next;
    }
}
