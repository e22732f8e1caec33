namespace Platform.Grains.Interfaces.Models;

/// <summary>A deployment's replicas: how many are loading, ready or unloaded (idle, scaled to zero), and their loads.</summary>
public sealed record DeploymentStatus(string Model, int Replicas, int Loading, int Ready, string? LastLoadError, IReadOnlyList<ReplicaLoad> Loads)
{
    /// <summary>Whether a request now would wait for a model load already in progress and nothing is ready.</summary>
    public bool IsLoading => Loading > 0 && Ready == 0;
}
