using Platform.Grains.Interfaces.Generation;

namespace Platform.Api.Generation;

/// <summary>A choice whose generation was admitted: its chunk stream, with the first chunk already read (admission proved).</summary>
internal sealed class RunningChoice(PlannedChoice plan, IAsyncEnumerator<TokenChunk> chunks)
{
    public PlannedChoice Plan { get; } = plan;

    /// <summary>Positioned on the first chunk once <see cref="GenerationBatch.StartAsync"/> returns.</summary>
    public IAsyncEnumerator<TokenChunk> Chunks { get; } = chunks;

    /// <summary>Set once its final chunk was read: nothing is left to cancel.</summary>
    public volatile bool Finished;
}
