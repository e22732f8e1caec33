namespace Platform.Grains.Interfaces.Models;

/// <summary>
/// A deployment's replicas as they last reported: how many are loading or ready, the last load error, each replica's
/// status, and the last metrics of every replica series still on a live silo (unloaded ones too: their silo's
/// `/metrics` still counts them).
/// </summary>
[GenerateSerializer, Alias("platform.DeploymentStatus")]
public sealed record DeploymentStatus(string Model, int Replicas, int Loading, int Ready, string? LastLoadError, IReadOnlyList<ReplicaStatus> ReplicaStatuses,
    IReadOnlyList<ReplicaMetricsSnapshot>? Metrics = null)
{
    /// <summary>Whether a request now would wait for a model load already in progress and nothing is ready.</summary>
    public bool IsLoading => Loading > 0 && Ready == 0;
}
