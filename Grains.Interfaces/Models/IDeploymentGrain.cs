using Platform.Grains.Interfaces.Generation;

namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// A served model, keyed by its served name: knows its replicas from their own reports and picks the replica for each
/// generation (the one most likely to hold its prefix, else the least loaded). Routing only: tokens never pass through it.
/// </summary>
[Alias("platform.IDeploymentGrain")]
public interface IDeploymentGrain : IGrainWithStringKey
{
    /// <summary>The replica the request should run on (never an ejected one while another is ready).</summary>
    [Alias("Route")]
    Task<RouteDecision> Route(RouteRequest request);

    /// <summary>
    /// A replica's prefix-cache changes since its last publication: block keys it now caches and keys it evicted
    /// (disjoint); <paramref name="reset"/> means forget what it published before.
    /// </summary>
    [OneWay, Alias("PublishPrefixBlocks")]
    Task PublishPrefixBlocks(string replicaKey, bool reset, ulong[] cached, ulong[] evicted);

    /// <summary>A replica's report of its phase and load (sent on every change and periodically).</summary>
    [OneWay, Alias("Report")]
    Task Report(ReplicaStatus status);

    /// <summary>A caller could not reach <paramref name="replicaKey"/> (its silo died): route around it until it reports again.</summary>
    [Alias("ReplicaUnreachable")]
    Task ReplicaUnreachable(string replicaKey);

    /// <summary>A request failed on <paramref name="replicaKey"/> before its first token, or lost it mid-stream: counts toward ejecting it.</summary>
    [Alias("ReplicaFailed")]
    Task ReplicaFailed(string replicaKey);

    /// <summary>A request routed with <see cref="RouteDecision.ReportStart"/> started on <paramref name="replicaKey"/>: its failures in a row end.</summary>
    /// <remarks>Awaited, not one-way (it is sent only while a replica has failures): a failure reported after it must count after it.</remarks>
    [Alias("ReplicaStarted")]
    Task ReplicaStarted(string replicaKey);

    /// <summary>
    /// A silo with engines starting up: activates on <paramref name="silo"/> the first replica not yet in memory (it
    /// starts loading, and health reports it at once); returns how many replicas are still not in memory.
    /// </summary>
    [Alias("Warm")]
    Task<int> Warm(string silo);

    [Alias("Describe")]
    Task<ModelDescription> Describe();

    /// <summary>Replica phases and loads, for health and metrics.</summary>
    [Alias("GetStatus")]
    Task<DeploymentStatus> GetStatus();

    /// <summary>Encodes text, or chat messages rendered with the chat template.</summary>
    [Alias("Tokenize")]
    Task<TokenizeResult> Tokenize(TokenizeInput input);

    [Alias("Detokenize")]
    Task<string> Detokenize(IReadOnlyList<int> tokenIds);
}
