namespace Platform.Grains.Placement;

/// <summary>
/// KV bytes the board promised a replica on a silo whose offer does not list it yet; they count against that silo's free
/// memory until <see cref="Until"/>, so placements made between two offers spread instead of all taking the freest silo.
/// </summary>
public sealed record PlacementReservation(string Silo, string ReplicaKey, long KvCacheBytes, DateTimeOffset Until);
