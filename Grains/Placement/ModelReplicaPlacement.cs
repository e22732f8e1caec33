namespace Platform.Grains.Placement;

/// <summary>
/// Places model replicas by the silos' offers: a hinted silo first, else the placement board's pick (distinct silos,
/// then free KV memory), else a random compatible silo (<see cref="ModelReplicaPlacementDirector"/>).
/// </summary>
[GenerateSerializer, Immutable, SuppressReferenceTracking]
public sealed class ModelReplicaPlacement : PlacementStrategy;
