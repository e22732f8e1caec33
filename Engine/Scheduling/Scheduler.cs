using System.Diagnostics;
using Platform.Engine.Cache;

namespace Platform.Engine.Scheduling;

/// <summary>
/// Continuous batching. Each step: running decodes first, then running prefills continue in chunks, then waiting
/// sequences are admitted (prefix cache first) while the token budget and max_num_seqs allow. A step that decodes
/// takes the prefill tokens <see cref="PrefillAllowance"/> grants: what keeps it within the latency factor of a
/// decode-only step (by the step cost learnt from measured steps), or the full budget for a prompt that has waited
/// long while the slow-step allowance lasts; prefill still advances every step. When the pool runs
/// out of blocks, the most recently admitted sequence is preempted (blocks freed, requeued for recompute). Choices of
/// one request (same group, same prompt) are staged: the first fills the prompt, the others are admitted after it and
/// take its full prompt blocks from the prefix cache, so the prompt is prefilled once.
/// Single-threaded: only the engine loop calls it.
/// </summary>
public sealed class Scheduler
{
    private readonly KvBlockManager _kv;
    private readonly SchedulerOptions _options;
    private readonly Predicate<Sequence>? _canRun;
    private readonly List<Sequence> _running = new();
    private readonly WaitingQueue _waiting;
    private readonly ScheduledBatch _batch;
    private readonly Dictionary<string, int> _runningByGroup = new(StringComparer.Ordinal);
    private readonly HashSet<Sequence> _passedOver = new(ReferenceEqualityComparer.Instance);
    private readonly PrefillAllowance _prefill;
    private readonly TimeProvider _clock;
    private long _stepStartTicks;

    /// <summary>
    /// Creates a scheduler over <paramref name="kv"/>; <paramref name="canRun"/>, when given, holds a sequence back
    /// for a step (its consumer has not caught up with its output); <paramref name="clock"/> (the system's by default)
    /// times prompts' waits and steps, from <see cref="Schedule"/> to <see cref="CompleteStep"/>.
    /// </summary>
    public Scheduler(KvBlockManager kv, SchedulerOptions options, Predicate<Sequence>? canRun = null, TimeProvider? clock = null)
    {
        options.Validate();
        _kv = kv;
        _options = options;
        _canRun = canRun;
        _clock = clock ?? TimeProvider.System;
        _prefill = new PrefillAllowance(options);
        _waiting = new WaitingQueue(options.Policy);
        _batch = new ScheduledBatch(options.MaxNumSeqs);
    }

    /// <summary>The block manager this scheduler allocates from.</summary>
    public KvBlockManager Blocks => _kv;

    /// <summary>Sequences admitted and holding blocks.</summary>
    public int RunningCount => _running.Count;

    /// <summary>Sequences queued for admission.</summary>
    public int WaitingCount => _waiting.Count;

    /// <summary>Whether any sequence is waiting or running.</summary>
    public bool HasWork => _running.Count + _waiting.Count > 0;

    /// <summary>The step's fixed cost in tokens, as learnt so far from measured steps.</summary>
    public double StepFixedCostTokens => _prefill.Cost.FixedCostTokens;

    /// <summary>Slow decoded tokens the long-wait relaxation may still cause.</summary>
    public double SlowDecodeAllowance => _prefill.SlowTokens;

    /// <summary>Total preemptions so far.</summary>
    public long Preemptions { get; private set; }

    /// <summary>Tokens of admitted sequences looked up in the prefix cache.</summary>
    public long PrefixQueriedTokens { get; private set; }

    /// <summary>Of those, tokens found cached (not recomputed).</summary>
    public long PrefixHitTokens { get; private set; }

    /// <summary>Queues a new sequence. Throws <see cref="ArgumentException"/> if it could never fit in the pool.</summary>
    public void Add(Sequence sequence)
    {
        if (sequence.Status != SequenceStatus.Waiting || sequence.ComputedCount != 0)
            throw new ArgumentException($"Sequence '{sequence.RequestId}' is not a new sequence.", nameof(sequence));
        if (sequence.Length > _kv.CapacityTokens)
            throw new ArgumentException(
                $"Sequence '{sequence.RequestId}' has {sequence.Length} tokens but the KV pool holds at most {_kv.CapacityTokens}.",
                nameof(sequence));
        sequence.PromptTwin = FindPromptTwin(sequence);
        sequence.QueuedTicks = _clock.GetTimestamp();
        _waiting.Add(sequence);
    }

    /// <summary>Plans the next step. The returned batch is reused by the next call.</summary>
    public ScheduledBatch Schedule()
    {
        _batch.Clear();
        _stepStartTicks = _clock.GetTimestamp();
        var budget = _options.MaxNumBatchedTokens;
        ScheduleRunning(decoding: true, ref budget);
        var decodes = _batch.Count;
        if (decodes > 0)
            budget = Math.Min(budget, _prefill.Grant(decodes, OldestPendingWait()));
        ScheduleRunning(decoding: false, ref budget);
        // A step that had to preempt is short of blocks: admitting newcomers now would only preempt them again.
        if (_batch.PreemptedCount == 0)
            AdmitWaiting(ref budget);
        if (decodes > 0)
            _prefill.Settle(decodes, _batch.TokenCount - decodes);
        return _batch;
    }

    /// <summary>
    /// Records that the batch's tokens were computed, caches every block that became full, and teaches the step cost
    /// model the time since <see cref="Schedule"/>.
    /// </summary>
    public void CompleteStep(ScheduledBatch batch)
    {
        _prefill.Cost.Observe(batch.TokenCount, _clock.GetElapsedTime(_stepStartTicks).TotalSeconds);
        for (var i = 0; i < batch.Count; i++)
        {
            var sequence = batch.SequenceAt(i);
            sequence.ComputedCount += batch.TokenCountAt(i);
            _kv.CacheComputedBlocks(sequence.Tokens, sequence.Blocks, sequence.ComputedCount);
        }
    }

    /// <summary>Ends a sequence (finished or aborted): removes it from either queue and frees its blocks.</summary>
    public void Finish(Sequence sequence)
    {
        if (sequence.Status == SequenceStatus.Finished)
            return;
        if (sequence.Status == SequenceStatus.Running)
        {
            _running.Remove(sequence);
            CountRunning(sequence, -1);
        }
        else
            _waiting.Remove(sequence);
        _kv.Free(sequence.Blocks);
        sequence.Status = SequenceStatus.Finished;
        sequence.Timings.FinishTicks = Stopwatch.GetTimestamp();
    }

    // The longest any prompt still filling (running or queued) has waited since it was queued.
    private TimeSpan OldestPendingWait()
    {
        var oldest = long.MaxValue;
        foreach (var sequence in _running)
            if (sequence.PendingCount > 1)
                oldest = Math.Min(oldest, sequence.QueuedTicks);
        for (var i = 0; i < _waiting.Count; i++)
            oldest = Math.Min(oldest, _waiting.At(i).QueuedTicks);
        return oldest == long.MaxValue ? TimeSpan.Zero : _clock.GetElapsedTime(oldest);
    }

    private void ScheduleRunning(bool decoding, ref int budget)
    {
        for (var i = 0; i < _running.Count && budget > 0; i++)
        {
            var sequence = _running[i];
            if ((sequence.PendingCount == 1) != decoding || (_canRun is not null && !_canRun(sequence)))
                continue;
            var count = Math.Min(sequence.PendingCount, budget);
            if (!ReserveOrPreempt(sequence, count, ref i, ref budget))
                continue;
            _batch.Add(sequence, count, sequence.ComputedCount + count == sequence.Length);
            budget -= count;
        }
    }

    // Frees blocks by preempting victims until the sequence's next tokens fit; false if it had to preempt itself.
    private bool ReserveOrPreempt(Sequence sequence, int count, ref int index, ref int budget)
    {
        while (!_kv.TryAllocate(sequence.Blocks, sequence.ComputedCount + count))
        {
            var victimIndex = PickVictim();
            var victim = _running[victimIndex];
            Preempt(victim, victimIndex, ref budget);
            if (victimIndex <= index)
                index--;
            if (victim == sequence)
                return false;
        }
        return true;
    }

    private int PickVictim()
    {
        var victim = _running.Count - 1;
        if (_options.Policy == SchedulingPolicy.Priority)
        {
            for (var i = _running.Count - 2; i >= 0; i--)
                if (_running[i].Priority > _running[victim].Priority)
                    victim = i;
        }
        return victim;
    }

    private void Preempt(Sequence victim, int victimIndex, ref int budget)
    {
        _running.RemoveAt(victimIndex);
        CountRunning(victim, -1);
        budget += _batch.Remove(victim);
        _kv.Free(victim.Blocks);
        victim.ComputedCount = 0;
        victim.Status = SequenceStatus.Waiting;
        victim.PreemptionCount++;
        _waiting.Add(victim);
        _batch.PreemptedCount++;
        Preemptions++;
    }

    private void AdmitWaiting(ref int budget)
    {
        // A sequence whose consumer is behind (only a preempted one can be) is passed over, not waited for.
        _passedOver.Clear();
        while (budget > 0 && _passedOver.Count < _waiting.Count && _running.Count < _options.MaxNumSeqs)
        {
            var index = NextFair();
            var sequence = _waiting.At(index);
            if (_canRun is not null && !_canRun(sequence))
            {
                _passedOver.Add(sequence);
                continue;
            }
            if (sequence.PromptTwin is { } twin && IsFillingPrompt(twin))
            {
                _passedOver.Add(sequence);
                continue;
            }
            var hit = _kv.MatchPrefix(sequence.Tokens, sequence.Blocks);
            sequence.ComputedCount = hit;
            var count = Math.Min(sequence.PendingCount, budget);
            if (!_kv.TryAllocate(sequence.Blocks, hit + count))
            {
                _kv.Free(sequence.Blocks);
                sequence.ComputedCount = 0;
                return;
            }
            _waiting.RemoveAt(index);
            PrefixQueriedTokens += sequence.Length;
            PrefixHitTokens += hit;
            if (sequence.Timings.FirstScheduledTicks == 0)
            {
                sequence.Timings.FirstScheduledTicks = Stopwatch.GetTimestamp();
                sequence.CachedPromptTokens = Math.Min(hit, sequence.PromptLength);
            }
            sequence.Status = SequenceStatus.Running;
            _running.Add(sequence);
            CountRunning(sequence, +1);
            _batch.Add(sequence, count, hit + count == sequence.Length);
            budget -= count;
        }
    }

    /// <summary>
    /// The waiting sequence to admit next among those not passed over this step: queue order (priority, arrival),
    /// except that a group already running more sequences yields to one running fewer. One request with hundreds of
    /// prompts then holds back another client's request by one finished sequence, not by all of its own.
    /// </summary>
    private int NextFair()
    {
        var best = -1;
        var fewest = int.MaxValue;
        for (var i = 0; i < _waiting.Count && fewest > 0; i++)
        {
            var sequence = _waiting.At(i);
            if (_passedOver.Contains(sequence))
                continue;
            var running = RunningIn(sequence.Group);
            if (running < fewest)
                (best, fewest) = (i, running);
        }
        return best;
    }

    // Only a twin that is running can be waited for: it makes progress every step, so a staged choice waits at most
    // for its prompt's prefill; a preempted or finished twin holds nobody back.
    private static bool IsFillingPrompt(Sequence twin) =>
        twin.Status == SequenceStatus.Running && twin.ComputedCount < twin.PromptLength;

    // A twin is worth waiting for only when the prompt has a full block the cache could share and caching is on.
    private Sequence? FindPromptTwin(Sequence sequence)
    {
        if (sequence.Group is not { } group || !_kv.PrefixCachingEnabled || (sequence.PromptLength - 1) / _kv.BlockSize == 0)
            return null;
        var prompt = sequence.Tokens;
        foreach (var other in _running)
            if (IsTwin(other, group, prompt))
                return Leader(other);
        for (var i = 0; i < _waiting.Count; i++)
            if (IsTwin(_waiting.At(i), group, prompt))
                return Leader(_waiting.At(i));
        return null;
    }

    // Every choice waits on the one that fills the prompt, not on another waiting choice.
    private static Sequence Leader(Sequence twin) => twin.PromptTwin is { Status: not SequenceStatus.Finished } leader ? leader : twin;

    private static bool IsTwin(Sequence other, string group, ReadOnlySpan<int> prompt) =>
        other.Group == group && other.PromptLength == prompt.Length && other.Tokens[..other.PromptLength].SequenceEqual(prompt);

    private int RunningIn(string? group) => group is null ? 0 : _runningByGroup.GetValueOrDefault(group);

    private void CountRunning(Sequence sequence, int change)
    {
        if (sequence.Group is not { } group)
            return;
        var now = _runningByGroup.GetValueOrDefault(group) + change;
        if (now <= 0)
            _runningByGroup.Remove(group);
        else
            _runningByGroup[group] = now;
    }
}
