using Platform.Engine.Cache;

namespace Platform.Engine.Scheduling;

/// <summary>
/// One request as the scheduler sees it: prompt plus generated tokens, how many of them have KV computed, and its
/// block table. After a preemption all tokens (generated ones included) are recomputed as if they were the prompt.
/// </summary>
public sealed class Sequence
{
    private int[] _tokens;

    /// <summary>Creates a waiting sequence for <paramref name="prompt"/>.</summary>
    public Sequence(string requestId, ReadOnlySpan<int> prompt, SequenceBlocks blocks, long arrivalOrder, int priority = 0, object? context = null,
        string? group = null)
    {
        Group = group;
        if (prompt.IsEmpty)
            throw new ArgumentException("A sequence needs at least one prompt token.", nameof(prompt));
        RequestId = requestId;
        _tokens = new int[Math.Max(16, prompt.Length * 2)];
        prompt.CopyTo(_tokens);
        Length = PromptLength = prompt.Length;
        Blocks = blocks;
        ArrivalOrder = arrivalOrder;
        Priority = priority;
        Context = context;
    }

    /// <summary>
    /// The client request (or tenant) the sequence belongs to, for fair admission: sequences of one group never hold
    /// back another group's. Null: a group of its own.
    /// </summary>
    public string? Group { get; }

    /// <summary>The caller's request id.</summary>
    public string RequestId { get; }

    /// <summary>Arrival rank; earlier sequences are admitted first among equal priorities.</summary>
    public long ArrivalOrder { get; }

    /// <summary>Lower values are scheduled first under <see cref="SchedulingPolicy.Priority"/>.</summary>
    public int Priority { get; }

    /// <summary>The owner's per-request state (the engine keeps its sampler and output channel here).</summary>
    public object? Context { get; }

    /// <summary>Number of prompt tokens.</summary>
    public int PromptLength { get; }

    /// <summary>Number of tokens: prompt plus generated.</summary>
    public int Length { get; private set; }

    /// <summary>Number of generated tokens.</summary>
    public int GeneratedCount => Length - PromptLength;

    /// <summary>Prompt then generated tokens.</summary>
    public ReadOnlySpan<int> Tokens => _tokens.AsSpan(0, Length);

    /// <summary>A slice of the tokens as memory, valid until the next append grows the buffer.</summary>
    public ReadOnlyMemory<int> TokenMemory(int start, int count) => _tokens.AsMemory(start, count);

    /// <summary>Tokens whose KV is in the cache (computed, or found in the prefix cache).</summary>
    public int ComputedCount { get; internal set; }

    /// <summary>Tokens still to compute: 1 while decoding, more while (re)filling the prompt.</summary>
    public int PendingCount => Length - ComputedCount;

    /// <summary>The sequence's KV blocks.</summary>
    public SequenceBlocks Blocks { get; }

    /// <summary>Life-cycle state.</summary>
    public SequenceStatus Status { get; internal set; } = SequenceStatus.Waiting;

    /// <summary>Prompt tokens found in the prefix cache at first admission.</summary>
    public int CachedPromptTokens { get; internal set; }

    /// <summary>
    /// An earlier sequence of the same group with the same prompt (another choice of one request): while it fills the
    /// prompt this one waits, then finds the prompt's full blocks in the prefix cache instead of computing them again.
    /// </summary>
    public Sequence? PromptTwin { get; internal set; }

    /// <summary>When the scheduler queued it (its clock's timestamp): how long its prompt has waited for the first token.</summary>
    internal long QueuedTicks { get; set; }

    /// <summary>How many times this sequence was preempted.</summary>
    public int PreemptionCount { get; internal set; }

    /// <summary>Arrival, admission, token and finish times.</summary>
    public SequenceTimings Timings { get; } = new();

    /// <summary>Appends a sampled token (its KV is computed in a later step) and records when it came.</summary>
    public void Append(int token, long timestampTicks)
    {
        if (Length == _tokens.Length)
            Array.Resize(ref _tokens, _tokens.Length * 2);
        _tokens[Length++] = token;
        Timings.RecordToken(timestampTicks);
    }
}
