namespace Platform.Grains.Catalog;

/// <summary>Where a model replica's engine is in its life: not in memory, loading, or serving.</summary>
public enum ReplicaPhase
{
    Unloaded,
    Loading,
    Ready,
}
