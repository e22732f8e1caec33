using Orleans.Placement;

namespace Platform.Grains.Placement;

/// <summary>Marks a grain class as placed by <see cref="ModelReplicaPlacement"/>.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class ModelReplicaPlacementAttribute() : PlacementAttribute(new ModelReplicaPlacement());
