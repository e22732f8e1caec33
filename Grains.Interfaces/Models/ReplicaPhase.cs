namespace Platform.Grains.Interfaces.Models;

/// <summary>Where a model replica's engine is in its life: not in memory, loading, serving, finishing on a stopping silo, or failed to load.</summary>
[GenerateSerializer, Alias("platform.ReplicaPhase")]
public enum ReplicaPhase
{
    Unloaded,
    Loading,
    Ready,
    Failed,
    Draining,
}
