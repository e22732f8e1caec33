using Platform.Grains.Interfaces.Generation;
using Platform.Runtime;

namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// One engine replica of a served model, keyed "model/replica" (e.g. "smollm/0"): loads its engine on activation and
/// unloads it when collected idle (scale to zero). Generations run in its engine, not in its turns.
/// </summary>
public interface IModelGrain : IGrainWithStringKey
{
    /// <summary>Admits a generation and returns at once; its chunks go out on the token stream of the job's request id.</summary>
    Task<GenerationStarted> Generate(GenerationJob job);

    /// <summary>Stops a running generation; its KV blocks are freed at the engine's next step.</summary>
    [AlwaysInterleave]
    Task Cancel(string requestId);

    /// <summary>Current load, for routing and metrics.</summary>
    [AlwaysInterleave]
    Task<ReplicaLoad> GetLoad();
}
