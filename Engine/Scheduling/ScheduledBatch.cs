namespace Platform.Engine.Scheduling;

/// <summary>
/// One step's work: which sequences compute how many tokens, and which of them need logits. The scheduler reuses
/// one instance (fixed arrays of max_num_seqs entries), so scheduling a step allocates nothing.
/// </summary>
public sealed class ScheduledBatch
{
    private readonly Sequence[] _sequences;
    private readonly int[] _tokenCounts;
    private readonly bool[] _computeLogits;

    internal ScheduledBatch(int capacity)
    {
        _sequences = new Sequence[capacity];
        _tokenCounts = new int[capacity];
        _computeLogits = new bool[capacity];
    }

    /// <summary>Number of scheduled sequences.</summary>
    public int Count { get; private set; }

    /// <summary>Total tokens computed this step.</summary>
    public int TokenCount { get; private set; }

    /// <summary>Number of entries that produce a logits row (and so a sampled token).</summary>
    public int LogitsCount { get; private set; }

    /// <summary>Sequences preempted while scheduling this step.</summary>
    public int PreemptedCount { get; internal set; }

    /// <summary>The i-th scheduled sequence.</summary>
    public Sequence SequenceAt(int index) => _sequences[index];

    /// <summary>Tokens the i-th sequence computes this step, starting at its computed count.</summary>
    public int TokenCountAt(int index) => _tokenCounts[index];

    /// <summary>Whether the i-th entry reaches the sequence's last token, so its logits are needed.</summary>
    public bool ComputesLogitsAt(int index) => _computeLogits[index];

    internal void Clear()
    {
        Array.Clear(_sequences, 0, Count);
        Count = TokenCount = LogitsCount = PreemptedCount = 0;
    }

    internal void Add(Sequence sequence, int tokenCount, bool computeLogits)
    {
        _sequences[Count] = sequence;
        _tokenCounts[Count] = tokenCount;
        _computeLogits[Count] = computeLogits;
        Count++;
        TokenCount += tokenCount;
        if (computeLogits) LogitsCount++;
    }

    /// <summary>Takes a sequence out again (it was preempted later in the same step); returns its token count.</summary>
    internal int Remove(Sequence sequence)
    {
        var index = Array.IndexOf(_sequences, sequence, 0, Count);
        if (index < 0)
            return 0;
        var tokens = _tokenCounts[index];
        TokenCount -= tokens;
        if (_computeLogits[index]) LogitsCount--;
        Count--;
        Array.Copy(_sequences, index + 1, _sequences, index, Count - index);
        Array.Copy(_tokenCounts, index + 1, _tokenCounts, index, Count - index);
        Array.Copy(_computeLogits, index + 1, _computeLogits, index, Count - index);
        _sequences[Count] = null!;
        return tokens;
    }
}
