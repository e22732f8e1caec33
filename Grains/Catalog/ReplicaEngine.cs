using Platform.Engine.Generation;
using Platform.Engine.Models;

namespace Platform.Grains.Catalog;

/// <summary>A replica's running engine together with the weights it reads, released together when the replica unloads.</summary>
public sealed class ReplicaEngine(LlmEngine engine, LoadedModel model) : IDisposable
{
    public LlmEngine Engine { get; } = engine;

    public void Dispose()
    {
        // The engine thread must stop before the weights it reads are unmapped.
        Engine.Dispose();
        model.Dispose();
    }
}
