using Platform.Engine.Cache;
using Platform.Engine.Runner;
using Platform.Engine.Sampling;
using Platform.Engine.Scheduling;
using Platform.Kernels.Diagnostics;

namespace Platform.Engine.Generation;

/// <summary>
/// One engine step, single-threaded: schedule, run the batch through the model, sample every sequence that produced
/// logits and hand the tokens to their requests. Batch slices and the logits buffer are allocated once.
/// </summary>
internal sealed class EngineCore
{
    private readonly IModelRunner _runner;
    private readonly Scheduler _scheduler;
    private readonly SamplerWorkspace _workspace;
    private readonly SequenceSlice[] _slices;
    private readonly float[] _logits;
    private readonly HashSet<RequestState> _live = new();
    private long _arrivals;

    public EngineCore(IModelRunner runner, EngineOptions options, string modelId)
    {
        _runner = runner;
        var blocks = new KvBlockManager(runner.NumBlocks, runner.BlockSize, options.EnablePrefixCaching, modelId);
        var scheduling = new SchedulerOptions
        {
            MaxNumSeqs = options.MaxNumSeqs,
            MaxNumBatchedTokens = options.MaxNumBatchedTokens,
            MaxPrefillTokensWithDecodes = options.MaxPrefillTokensWithDecodes,
            DecodeLatencyFactor = options.DecodeLatencyFactor,
            LongPrefillWait = options.LongPrefillWait,
            Policy = options.Policy,
        };
        _scheduler = new Scheduler(blocks, scheduling, sequence => ((RequestState)sequence.Context!).CanAcceptEvent());
        _workspace = new SamplerWorkspace(runner.VocabSize);
        _slices = new SequenceSlice[options.MaxNumSeqs];
        _logits = new float[checked(options.MaxNumSeqs * runner.VocabSize)];
    }

    public Scheduler Scheduler => _scheduler;

    /// <summary>The prefix cache's change journal, or null with prefix caching off.</summary>
    public PrefixCacheJournal? PrefixJournal => _scheduler.Blocks.Pool.Cache?.Journal;

    public bool HasWork => _scheduler.HasWork;

    public long Steps { get; private set; }

    public int PeakUsedBlocks { get; private set; }

    public long ComputedTokens { get; private set; }

    public long GeneratedTokens { get; private set; }

    public long FinishedRequests { get; private set; }

    public void Add(RequestState state)
    {
        var sequence = new Sequence(state.RequestId, state.Prompt, _scheduler.Blocks.CreateTable(state.CacheSalt), _arrivals++, state.Priority, state, state.Group);
        state.Sequence = sequence;
        _scheduler.Add(sequence);
        _live.Add(state);
    }

    /// <summary>Drops a request whose consumer went away; its blocks return to the pool now.</summary>
    public void Cancel(RequestState state)
    {
        if (!_live.Remove(state))
            return;
        _scheduler.Finish(state.Sequence!);
        state.Drop();
        FinishedRequests++;
    }

    /// <summary>Runs one step; false when nothing could be scheduled.</summary>
    public bool Step()
    {
        var batch = _scheduler.Schedule();
        if (batch.Count == 0)
            return false;
        PeakUsedBlocks = Math.Max(PeakUsedBlocks, _scheduler.Blocks.Pool.UsedBlocks);
        for (var i = 0; i < batch.Count; i++)
        {
            var sequence = batch.SequenceAt(i);
            var count = batch.TokenCountAt(i);
            _slices[i] = new SequenceSlice(sequence.TokenMemory(sequence.ComputedCount, count), sequence.ComputedCount,
                sequence.Blocks.Memory, batch.ComputesLogitsAt(i));
        }
        var vocab = _runner.VocabSize;
        _runner.Forward(_slices.AsSpan(0, batch.Count), _logits.AsSpan(0, batch.LogitsCount * vocab));
        _scheduler.CompleteStep(batch);
        Steps++;
        ComputedTokens += batch.TokenCount;

        var row = 0;
        var sampling = KernelProfile.Start();
        for (var i = 0; i < batch.Count; i++)
        {
            if (!batch.ComputesLogitsAt(i))
                continue;
            var sequence = batch.SequenceAt(i);
            var state = (RequestState)sequence.Context!;
            var finished = true;
            try
            {
                var sampled = state.Sampler.Sample(_logits.AsSpan(row++ * vocab, vocab), _workspace);
                GeneratedTokens++;
                finished = state.OnToken(sampled);
            }
            catch (Exception error) when (error is InvalidOperationException or ArgumentException)
            {
                // A row this request cannot sample from (e.g. all NaN) ends this request, not the engine.
                state.Fail(error);
            }
            if (finished)
            {
                _scheduler.Finish(sequence);
                _live.Remove(state);
                FinishedRequests++;
            }
        }
        KernelProfile.Stop(KernelKind.Sampling, sampling);
        Array.Clear(_slices, 0, batch.Count);
        return true;
    }

    /// <summary>Ends every live request: with an abort event on shutdown, or with the engine's failure.</summary>
    public void EndAll(Exception? failure)
    {
        foreach (var state in _live)
        {
            _scheduler.Finish(state.Sequence!);
            if (failure is null) state.Abort(); else state.Fail(failure);
        }
        _live.Clear();
    }

    public EngineStats Snapshot() => new(
        _scheduler.RunningCount,
        _scheduler.WaitingCount,
        _scheduler.Blocks.Pool.Usage,
        PeakUsedBlocks,
        _scheduler.PrefixQueriedTokens,
        _scheduler.PrefixHitTokens,
        _scheduler.Preemptions,
        Steps,
        ComputedTokens,
        GeneratedTokens,
        FinishedRequests);
}
