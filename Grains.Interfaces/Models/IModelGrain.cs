using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// One engine replica of a served model, keyed "model/replica" (e.g. "smollm/0"): starts loading its engine in the
/// background on activation and unloads it when collected idle (scale to zero). Generations run in its engine, not in its turns.
/// </summary>
[Alias("platform.IModelGrain")]
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>
    /// Runs one generation and streams its chunks, the last one final. A refusal (loading, queue full, context) is thrown
    /// by the first MoveNextAsync; disposing the enumerator early cancels the generation and frees its KV blocks.
    /// </summary>
    [Alias("Generate")]
    IAsyncEnumerable<TokenChunk> Generate(GenerationJob job);

    /// <summary>Phase, silo and load; activates the replica (starting its load) when it is not in memory.</summary>
    [AlwaysInterleave, Alias("GetStatus")]
    Task<ReplicaStatus> GetStatus();
}
