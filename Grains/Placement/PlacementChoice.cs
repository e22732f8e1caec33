using Platform.Grains.Interfaces.Placement;

namespace Platform.Grains.Placement;

/// <summary>
/// The board's choice of a silo for a new replica, from the offers and the reservations not yet in them: a silo with room
/// for its KV cache first, then one with the fewest replicas of the same model (distinct silos while there are silos to
/// spare, an even spread after), then the most free KV bytes, then the fewest replicas, then the address (so it is
/// deterministic).
/// </summary>
public static class PlacementChoice
{
    /// <summary>The chosen silo among the offers listing the replica's model, or null when none does.</summary>
    public static string? Pick(string replicaKey, long kvCacheBytes, IEnumerable<SiloOffer> offers, IReadOnlyCollection<PlacementReservation> reservations)
    {
        var model = ModelOf(replicaKey);
        return offers.Where(o => o.Models.Contains(model))
            .Select(o => Standing.Of(o, reservations))
            .OrderByDescending(s => s.FreeKvCacheBytes >= kvCacheBytes)
            .ThenBy(s => s.Replicas.Count(r => ModelOf(r) == model))
            .ThenByDescending(s => s.FreeKvCacheBytes)
            .ThenBy(s => s.Replicas.Count)
            .ThenBy(s => s.Silo, StringComparer.Ordinal)
            .FirstOrDefault()?.Silo;
    }

    /// <summary>The model of a replica key "model/index" (model names may contain '/', the index never does).</summary>
    public static string ModelOf(string replicaKey) => replicaKey.LastIndexOf('/') is var slash and > 0 ? replicaKey[..slash] : replicaKey;

    /// <summary>A silo as placement sees it: its offer with the reservations its offer does not list yet added in.</summary>
    private sealed record Standing(string Silo, long FreeKvCacheBytes, IReadOnlyList<string> Replicas)
    {
        public static Standing Of(SiloOffer offer, IReadOnlyCollection<PlacementReservation> reservations)
        {
            var pending = reservations.Where(r => r.Silo == offer.Silo && !offer.Replicas.Contains(r.ReplicaKey)).ToList();
            return new Standing(offer.Silo, offer.FreeKvCacheBytes - pending.Sum(r => r.KvCacheBytes), [.. offer.Replicas, .. pending.Select(r => r.ReplicaKey)]);
        }
    }
}
