using Platform.Grains.Interfaces.Generation;
using Platform.Runtime.Streams;

namespace Platform.Api.Generation;

/// <summary>A choice whose token stream is subscribed and (once <see cref="Started"/> is set) whose generation runs.</summary>
internal sealed class RunningChoice(PlannedChoice plan, StreamSubscription<TokenChunk> subscription)
{
    public PlannedChoice Plan { get; } = plan;

    public StreamSubscription<TokenChunk> Subscription { get; } = subscription;

    /// <summary>Where the generation runs; null until the grain admitted it.</summary>
    public GenerationStarted? Started { get; set; }

    /// <summary>Set once its final chunk was read: nothing is left to cancel.</summary>
    public volatile bool Finished;
}
