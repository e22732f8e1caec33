namespace Platform.Engine.Structured.Grammar;

/// <summary>
/// A compiled grammar: a recursive transition network over bytes (one NFA per rule, with call edges that push a return
/// state), stored as flat arrays. Immutable; <see cref="Matching.GrammarAutomaton"/> runs it.
/// </summary>
public sealed class ByteGrammar
{
    internal ByteGrammar(int stateCount, int rootStart, int[] rangeOffsets, byte[] rangeLow, byte[] rangeHigh, int[] rangeTarget,
        int[] epsilonOffsets, int[] epsilonTarget, int[] callOffsets, int[] callStart, int[] callReturn, bool[] ruleEnd)
    {
        StateCount = stateCount;
        RootStart = rootStart;
        RangeOffsets = rangeOffsets;
        RangeLow = rangeLow;
        RangeHigh = rangeHigh;
        RangeTarget = rangeTarget;
        EpsilonOffsets = epsilonOffsets;
        EpsilonTarget = epsilonTarget;
        CallOffsets = callOffsets;
        CallStart = callStart;
        CallReturn = callReturn;
        RuleEnd = ruleEnd;
    }

    /// <summary>Number of NFA states over all rules.</summary>
    public int StateCount { get; }

    /// <summary>Start state of the root rule.</summary>
    public int RootStart { get; }

    internal int[] RangeOffsets { get; }
    internal byte[] RangeLow { get; }
    internal byte[] RangeHigh { get; }
    internal int[] RangeTarget { get; }
    internal int[] EpsilonOffsets { get; }
    internal int[] EpsilonTarget { get; }
    internal int[] CallOffsets { get; }
    internal int[] CallStart { get; }
    internal int[] CallReturn { get; }
    internal bool[] RuleEnd { get; }
}
