using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Platform.Grains.Interfaces.Generation;
using Platform.Grains.Interfaces.Models;
using Platform.Runtime;
using Platform.Runtime.Streams;

namespace Platform.Api.Generation;

/// <summary>
/// The generations behind one HTTP response (n choices per prompt): each token stream is subscribed before its
/// generation is started, so no chunk is missed; disposing cancels every generation that has not finished.
/// </summary>
internal sealed class GenerationBatch : IAsyncDisposable
{
    readonly IGrainFactory _grains;
    readonly ILogger _logger;
    readonly List<RunningChoice> _choices = [];

    GenerationBatch(IGrainFactory grains, ILogger logger)
    {
        _grains = grains;
        _logger = logger;
    }

    public IReadOnlyList<RunningChoice> Choices => _choices;

    /// <summary>Subscribes and starts every planned choice in order; a refusal cancels those already started and is rethrown.</summary>
    public static async Task<GenerationBatch> StartAsync(IGrainFactory grains, IStreamProvider streams, IReadOnlyList<PlannedChoice> plan,
        ILogger logger, CancellationToken ct)
    {
        var batch = new GenerationBatch(grains, logger);
        try
        {
            foreach (var planned in plan)
            {
                var stream = streams.GetStream<TokenChunk>(TokenStreams.For(planned.RequestId));
                var choice = new RunningChoice(planned, await stream.SubscribeAsync(cancellationToken: ct).ConfigureAwait(false));
                batch._choices.Add(choice);
                choice.Started = await planned.Start(grains).ConfigureAwait(false);
            }
            return batch;
        }
        catch
        {
            await batch.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Every choice's chunks as they arrive, each choice's in order, up to and including its final chunk.</summary>
    public async IAsyncEnumerable<ChoiceChunk> ReadAsync([EnumeratorCancellation] CancellationToken ct)
    {
        if (_choices.Count == 1)
        {
            await foreach (var e in ReadChoiceAsync(_choices[0], ct).ConfigureAwait(false))
                yield return e;
            yield break;
        }
        // Bounded, so a slow client slows the choices' streams (and through them the engine) instead of buffering without limit.
        var channel = Channel.CreateBounded<ChoiceChunk>(new BoundedChannelOptions(_choices.Count * 4) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pumps = _choices.Select(c => PumpAsync(c, channel.Writer, stop.Token)).ToArray();
        _ = Task.WhenAll(pumps).ContinueWith(t => channel.Writer.TryComplete(t.Exception?.InnerException),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        try
        {
            await foreach (var e in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
                yield return e;
        }
        finally
        {
            await stop.CancelAsync().ConfigureAwait(false);
        }
    }

    static async Task PumpAsync(RunningChoice choice, ChannelWriter<ChoiceChunk> output, CancellationToken ct)
    {
        await foreach (var e in ReadChoiceAsync(choice, ct).ConfigureAwait(false))
            await output.WriteAsync(e, ct).ConfigureAwait(false);
    }

    static async IAsyncEnumerable<ChoiceChunk> ReadChoiceAsync(RunningChoice choice, [EnumeratorCancellation] CancellationToken ct)
    {
        await foreach (var e in choice.Subscription.WithCancellation(ct).ConfigureAwait(false))
        {
            if (e.Item.IsFinal)
                choice.Finished = true;
            yield return new ChoiceChunk(choice, e.Item);
            if (choice.Finished)
                yield break;
        }
        throw new InvalidOperationException($"The token stream of request {choice.Plan.RequestId} ended before its final chunk.");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var choice in _choices)
        {
            if (choice is { Finished: false, Started: { } started })
            {
                try
                {
                    await _grains.GetGrain<IModelGrain>(started.ReplicaKey).Cancel(started.RequestId).ConfigureAwait(false);
                }
                catch (Exception e)
                {
                    // The client is gone either way; a replica that cannot be reached frees the sequence when it ends.
                    _logger.LogWarning(e, "Cancelling generation {RequestId} on {Replica} failed", started.RequestId, started.ReplicaKey);
                }
            }
            await choice.Subscription.DisposeAsync().ConfigureAwait(false);
        }
    }
}
