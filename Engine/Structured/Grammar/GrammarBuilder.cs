namespace Platform.Engine.Structured.Grammar;

/// <summary>
/// Builds a <see cref="ByteGrammar"/> from rules given as <see cref="GrammarNode"/> trees (Thompson construction; bounded
/// repeats are unrolled, so their size is capped by <see cref="MaxStates"/>).
/// </summary>
public sealed class GrammarBuilder
{
    /// <summary>The most NFA states one grammar may have.</summary>
    public const int MaxStates = 400_000;

    private readonly List<List<(byte Low, byte High, int To)>> _ranges = new();
    private readonly List<List<int>> _epsilons = new();
    private readonly List<List<(int Rule, int Return)>> _calls = new();
    private readonly List<bool> _ruleEnd = new();
    private readonly List<int> _ruleStart = new();
    private readonly List<bool> _ruleDefined = new();

    /// <summary>Reserves a rule id so that rules can call each other before they are defined.</summary>
    public int DeclareRule()
    {
        _ruleStart.Add(NewState());
        _ruleDefined.Add(false);
        return _ruleStart.Count - 1;
    }

    /// <summary>Whether <paramref name="rule"/> already has a body.</summary>
    public bool IsDefined(int rule) => _ruleDefined[rule];

    /// <summary>Gives a declared rule its body.</summary>
    public void DefineRule(int rule, GrammarNode body)
    {
        if (_ruleDefined[rule])
            throw new InvalidOperationException($"rule {rule} is already defined.");
        _ruleDefined[rule] = true;
        var end = Emit(body, _ruleStart[rule]);
        _ruleEnd[end] = true;
    }

    /// <summary>Declares and defines a rule in one go.</summary>
    public int AddRule(GrammarNode body)
    {
        var rule = DeclareRule();
        DefineRule(rule, body);
        return rule;
    }

    /// <summary>Freezes the grammar; matching starts at <paramref name="rootRule"/>.</summary>
    public ByteGrammar Build(int rootRule)
    {
        for (var r = 0; r < _ruleDefined.Count; r++)
            if (!_ruleDefined[r])
                throw new InvalidOperationException($"rule {r} is declared but never defined.");
        var n = _ranges.Count;
        var rangeOffsets = new int[n + 1];
        var epsilonOffsets = new int[n + 1];
        var callOffsets = new int[n + 1];
        for (var s = 0; s < n; s++)
        {
            rangeOffsets[s + 1] = rangeOffsets[s] + _ranges[s].Count;
            epsilonOffsets[s + 1] = epsilonOffsets[s] + _epsilons[s].Count;
            callOffsets[s + 1] = callOffsets[s] + _calls[s].Count;
        }
        var low = new byte[rangeOffsets[n]];
        var high = new byte[rangeOffsets[n]];
        var target = new int[rangeOffsets[n]];
        var epsilonTarget = new int[epsilonOffsets[n]];
        var callStart = new int[callOffsets[n]];
        var callReturn = new int[callOffsets[n]];
        for (var s = 0; s < n; s++)
        {
            var i = rangeOffsets[s];
            foreach (var (lo, hi, to) in _ranges[s])
            {
                low[i] = lo;
                high[i] = hi;
                target[i++] = to;
            }
            _epsilons[s].CopyTo(epsilonTarget, epsilonOffsets[s]);
            var c = callOffsets[s];
            foreach (var (rule, ret) in _calls[s])
            {
                callStart[c] = _ruleStart[rule];
                callReturn[c++] = ret;
            }
        }
        return new ByteGrammar(n, _ruleStart[rootRule], rangeOffsets, low, high, target, epsilonOffsets, epsilonTarget,
            callOffsets, callStart, callReturn, [.. _ruleEnd]);
    }

    private int NewState()
    {
        if (_ranges.Count >= MaxStates)
            throw new GrammarTooLargeException($"the output format needs more than {MaxStates} automaton states; use smaller bounds (maxLength, maxItems, repeat counts).");
        _ranges.Add(new());
        _epsilons.Add(new());
        _calls.Add(new());
        _ruleEnd.Add(false);
        return _ranges.Count - 1;
    }

    // Emits the node's automaton starting at `start`; returns the state reached after it.
    private int Emit(GrammarNode node, int start)
    {
        switch (node)
        {
            case GrammarNode.Bytes bytes:
            {
                var current = start;
                foreach (var b in bytes.Value)
                {
                    var next = NewState();
                    _ranges[current].Add((b, b, next));
                    current = next;
                }
                return current;
            }
            case GrammarNode.ByteRange range:
            {
                var next = NewState();
                _ranges[start].Add((range.Low, range.High, next));
                return next;
            }
            case GrammarNode.Sequence sequence:
            {
                var current = start;
                foreach (var item in sequence.Items)
                    current = Emit(item, current);
                return current;
            }
            case GrammarNode.Choice choice:
            {
                var end = NewState();
                foreach (var option in choice.Options)
                {
                    var entry = NewState();
                    _epsilons[start].Add(entry);
                    _epsilons[Emit(option, entry)].Add(end);
                }
                return end;
            }
            case GrammarNode.Repeat repeat:
                return EmitRepeat(repeat, start);
            case GrammarNode.Call call:
            {
                var next = NewState();
                _calls[start].Add((call.Rule, next));
                return next;
            }
            default:
                throw new ArgumentException($"unknown grammar node {node.GetType().Name}.");
        }
    }

    private int EmitRepeat(GrammarNode.Repeat repeat, int start)
    {
        var current = start;
        for (var i = 0; i < repeat.Min; i++)
            current = Emit(repeat.Item, current);
        if (repeat.Max == GrammarNode.Repeat.Unbounded)
        {
            // A fresh loop state, so edges later added after the loop do not leak into the copies before it.
            var loop = NewState();
            _epsilons[current].Add(loop);
            var body = NewState();
            _epsilons[loop].Add(body);
            _epsilons[Emit(repeat.Item, body)].Add(loop);
            return loop;
        }
        var end = NewState();
        _epsilons[current].Add(end);
        for (var i = repeat.Min; i < repeat.Max; i++)
        {
            current = Emit(repeat.Item, current);
            _epsilons[current].Add(end);
        }
        return end;
    }
}
