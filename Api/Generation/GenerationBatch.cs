using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>
/// The generations behind one HTTP response (n choices per prompt), each a grain enumeration read by this response.
/// All are started together and admitted (first chunk read) before any status line is sent, so a refusal is a plain
/// error response; disposing the batch disposes every enumeration, which cancels the generations still running.
/// </summary>
internal sealed class GenerationBatch : IAsyncDisposable
{
    readonly List<RunningChoice> _choices = [];
    readonly CancellationTokenSource _stop;
    Task _pumps = Task.CompletedTask;

    GenerationBatch(CancellationToken ct) => _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);

    public IReadOnlyList<RunningChoice> Choices => _choices;

    /// <summary>Starts every planned choice at once; a refusal of any disposes them all and is rethrown.</summary>
    public static async Task<GenerationBatch> StartAsync(IGrainFactory grains, IReadOnlyList<PlannedChoice> plan, CancellationToken ct)
    {
        var batch = new GenerationBatch(ct);
        // The batch's own token: cancelling it stops every enumeration still reading, so none is disposed mid-read.
        batch._choices.AddRange(plan.Select(p => new RunningChoice(p, p.Start(grains).GetAsyncEnumerator(batch._stop.Token))));
        var admissions = batch._choices.Select(c => c.Chunks.MoveNextAsync().AsTask()).ToArray();
        try
        {
            await Task.WhenAll(admissions).ConfigureAwait(false);
        }
        catch
        {
            await batch.DisposeAsync().ConfigureAwait(false);
            // A refusal says more than the cancellations it caused in the other choices.
            throw admissions.Select(a => a.Exception?.InnerException).FirstOrDefault(e => e is PlatformRequestException)
                  ?? admissions.First(a => a.IsFaulted || a.IsCanceled).Exception?.InnerException
                  ?? new OperationCanceledException(ct);
        }
        if (batch._choices.Zip(admissions).FirstOrDefault(c => !c.Second.Result).First is { } empty)
        {
            await batch.DisposeAsync().ConfigureAwait(false);
            throw new InvalidOperationException($"The generation of request {empty.Plan.RequestId} ended without a chunk.");
        }
        return batch;
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
        // Bounded, so a slow client slows the choices' enumerations (and through them the engine) instead of buffering without limit.
        var channel = Channel.CreateBounded<ChoiceChunk>(new BoundedChannelOptions(_choices.Count * 4) { SingleReader = true });
        var pumps = Task.WhenAll(_choices.Select(c => PumpAsync(c, channel.Writer, _stop.Token)));
        _pumps = pumps.ContinueWith(t => channel.Writer.TryComplete(t.Exception?.InnerException),
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        await foreach (var e in channel.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            yield return e;
    }

    static async Task PumpAsync(RunningChoice choice, ChannelWriter<ChoiceChunk> output, CancellationToken ct)
    {
        await foreach (var e in ReadChoiceAsync(choice, ct).ConfigureAwait(false))
            await output.WriteAsync(e, ct).ConfigureAwait(false);
    }

    static async IAsyncEnumerable<ChoiceChunk> ReadChoiceAsync(RunningChoice choice, [EnumeratorCancellation] CancellationToken ct)
    {
        var chunks = choice.Chunks;
        do
        {
            ct.ThrowIfCancellationRequested();
            var chunk = chunks.Current;
            if (chunk.IsFinal)
                choice.Finished = true;
            yield return new ChoiceChunk(choice, chunk);
            if (choice.Finished)
                yield break;
        }
        while (await chunks.MoveNextAsync().ConfigureAwait(false));
        throw new InvalidOperationException($"The generation of request {choice.Plan.RequestId} ended before its final chunk.");
    }

    public async ValueTask DisposeAsync()
    {
        // A choice that failed or a client that left ends the response: stop the others' reads first, then dispose
        // each enumeration, which tells its grain to stop (the engine frees the sequence's blocks).
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pumps.ConfigureAwait(false);
        foreach (var choice in _choices)
        {
            try
            {
                await choice.Chunks.DisposeAsync().ConfigureAwait(false);
            }
            catch (Exception)
            {
                // The client is gone either way; a replica that cannot be reached drops the abandoned enumeration itself.
            }
        }
        _stop.Dispose();
    }
}
