using System.Diagnostics;
using System.Threading.Channels;
using Platform.Engine.Sampling;
using Platform.Engine.Scheduling;
using Platform.Engine.Tokenizers;

namespace Platform.Engine.Generation;

/// <summary>
/// Everything the engine loop keeps per request beside its <see cref="Sequence"/>: sampler, detokenizer, stop
/// checks and the bounded channel its events go to. Only the engine thread touches it after submission.
/// </summary>
internal sealed class RequestState
{
    private readonly Channel<TokenEvent> _events;
    private readonly IncrementalDecoder? _decoder;
    private readonly StopStringMatcher _stops;
    private readonly HashSet<int> _stopTokenIds;
    private readonly int _maxTokens;
    private readonly int _minTokens;
    private readonly int _capacity;

    public RequestState(GenerationRequest request, int[] prompt, SequenceSampler sampler, IncrementalDecoder? decoder,
        HashSet<int> stopTokenIds, int maxTokens, int outputBufferSize)
    {
        RequestId = request.RequestId;
        Prompt = prompt;
        Priority = request.Priority;
        Group = request.Group;
        CacheSalt = request.CacheSalt;
        Sampler = sampler;
        _decoder = decoder;
        _stops = new StopStringMatcher(request.StopConditions.Stop);
        _stopTokenIds = stopTokenIds;
        _maxTokens = maxTokens;
        _minTokens = request.Sampling.MinTokens;
        _capacity = Math.Max(2, outputBufferSize);
        _events = Channel.CreateBounded<TokenEvent>(new BoundedChannelOptions(_capacity)
        {
            SingleReader = true,
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    public string RequestId { get; }

    public int[] Prompt { get; }

    public int Priority { get; }

    public string? Group { get; }

    public string? CacheSalt { get; }

    public SequenceSampler Sampler { get; }

    public Sequence? Sequence { get; set; }

    public ChannelReader<TokenEvent> Events => _events.Reader;

    /// <summary>Set by the consumer's cancellation; the engine loop drops the request at its next step.</summary>
    public volatile bool CancelRequested;

    /// <summary>Set by the engine when it held the sequence back for a full channel; the reader then wakes it.</summary>
    public volatile bool WaitingForReader;

    public bool Completed { get; private set; }

    /// <summary>Whether a step's event fits with one slot to spare, so a final abort event always fits too.</summary>
    public bool CanAcceptEvent()
    {
        if (_events.Reader.Count < _capacity - 1)
            return true;
        // Flag first, then look again: a reader that drained the channel in between either sees the flag (and wakes
        // the engine) or has already made room that this second look sees. Count takes the channel's lock: a fence.
        WaitingForReader = true;
        return _events.Reader.Count < _capacity - 1;
    }

    /// <summary>Handles a sampled token; returns true when the request finished with it.</summary>
    public bool OnToken(SampledToken sampled)
    {
        var sequence = Sequence!;
        var token = sampled.TokenId;
        sequence.Append(token, Stopwatch.GetTimestamp());
        FinishReason? finish = null;
        string text;
        if (_stopTokenIds.Contains(token))
        {
            finish = FinishReason.Stop;
            text = RemainingText();
        }
        else
        {
            // As vLLM: stop strings count only in text of tokens after the first min_tokens (the sampler bans end tokens until then).
            var delta = _decoder?.Append(token) ?? "";
            text = sequence.GeneratedCount > _minTokens ? _stops.Append(delta) : delta;
            if (_stops.Stopped)
                finish = FinishReason.Stop;
            else if (Sampler.Constraint is { IsFinished: true })
            {
                // The output format is complete and nothing may follow: the request ends without waiting for EOS.
                finish = FinishReason.Stop;
                text += RemainingText();
            }
            else if (sequence.GeneratedCount >= _maxTokens)
            {
                finish = FinishReason.Length;
                text += RemainingText();
            }
        }
        var logprobs = sampled.Logprob is null ? null : new[] { sampled };
        if (finish is { } reason)
        {
            Complete(new TokenEvent(RequestId, [token], text, logprobs, reason, Usage(), Metrics(), _stops.MatchedStop));
            return true;
        }
        _events.Writer.TryWrite(new TokenEvent(RequestId, [token], text, logprobs));
        return false;
    }

    /// <summary>Ends the request with an abort event (engine shut down).</summary>
    public void Abort() => Complete(new TokenEvent(RequestId, [], RemainingText(), null, FinishReason.Abort, Usage(), Metrics()));

    /// <summary>Ends the request with an error the consumer sees as an exception.</summary>
    public void Fail(Exception error)
    {
        if (Completed)
            return;
        Completed = true;
        _events.Writer.TryComplete(error);
    }

    /// <summary>Ends the request silently: its consumer is gone.</summary>
    public void Drop()
    {
        Completed = true;
        _events.Writer.TryComplete();
    }

    private void Complete(TokenEvent final)
    {
        if (Completed)
            return;
        Completed = true;
        _events.Writer.TryWrite(final);
        _events.Writer.TryComplete();
    }

    // At the end, bytes of an unfinished character and text held back for a possible stop string are released.
    private string RemainingText()
    {
        var text = _stops.Append(_decoder?.Flush() ?? "");
        return text + _stops.Flush();
    }

    private GenerationUsage Usage() =>
        new(Prompt.Length, Sequence?.GeneratedCount ?? 0, Sequence?.CachedPromptTokens ?? 0);

    private RequestMetrics? Metrics()
    {
        if (Sequence is not { } sequence)
            return null;
        var timings = sequence.Timings;
        var total = Stopwatch.GetElapsedTime(timings.ArrivalTicks);
        var tokenTimes = new TimeSpan[timings.TokenTicks.Count];
        for (var i = 0; i < tokenTimes.Length; i++)
            tokenTimes[i] = Stopwatch.GetElapsedTime(timings.ArrivalTicks, timings.TokenTicks[i]);
        return new RequestMetrics(timings.QueueTime, timings.TimeToFirstToken, timings.MeanInterTokenLatency, total, sequence.PreemptionCount, tokenTimes);
    }
}
