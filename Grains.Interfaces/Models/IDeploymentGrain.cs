using Platform.Grains.Interfaces.Generation;
using Platform.Runtime;

namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// A served model, keyed by its served name: knows its replicas and routes each generation to the replica most likely
/// to hold its prefix (same affinity key), else the least-loaded one. Also answers questions about the model.
/// </summary>
public interface IDeploymentGrain : IGrainWithStringKey
{
    /// <summary>Routes a generation to a replica; throws <see cref="PlatformRequestException"/> for refused requests.</summary>
    Task<GenerationStarted> Generate(GenerationJob job);

    [ReadOnly]
    Task<ModelDescription> Describe();

    /// <summary>Replica states (loading, ready, unloaded) and loads, for health and metrics.</summary>
    [AlwaysInterleave]
    Task<DeploymentStatus> GetStatus();

    /// <summary>Encodes text, or chat messages rendered with the chat template.</summary>
    [ReadOnly]
    Task<TokenizeResult> Tokenize(TokenizeInput input);

    [ReadOnly]
    Task<string> Detokenize(IReadOnlyList<int> tokenIds);
}
