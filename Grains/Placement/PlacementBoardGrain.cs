using Orleans.Runtime;
using Platform.Grains.Interfaces.Placement;

namespace Platform.Grains.Placement;

/// <summary>
/// The cluster's silo offers, in memory: silos re-post theirs every <see cref="OfferReporter.Period"/>, so a board
/// re-activated elsewhere after its silo died is whole again a period later. Placements reserve KV bytes on the silo they
/// pick until its offer lists the replica, so several placed between two offers spread over the silos.
/// </summary>
public sealed class PlacementBoardGrain(IClusterMembershipService membership, TimeProvider time) : Grain, IPlacementBoardGrain
{
    /// <summary>Three missed offers: the silo is gone, even if membership has not noticed yet.</summary>
    internal static readonly TimeSpan Staleness = 3 * OfferReporter.Period + TimeSpan.FromSeconds(1);

    /// <summary>How long a reservation holds when its replica never shows in the silo's offer (its activation failed, or went elsewhere).</summary>
    internal static readonly TimeSpan ReservationLifetime = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, (SiloOffer Offer, DateTimeOffset At)> _offers = new(StringComparer.Ordinal);
    private readonly List<PlacementReservation> _reservations = [];

    public Task Offer(SiloOffer offer)
    {
        _offers[offer.Silo] = (offer, time.GetUtcNow());
        _reservations.RemoveAll(r => r.Silo == offer.Silo && offer.Replicas.Contains(r.ReplicaKey));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<SiloOffer>> GetOffers() => Task.FromResult<IReadOnlyList<SiloOffer>>(LiveOffers().ToList());

    public Task<string?> Place(string replicaKey, long kvCacheBytes, IReadOnlyList<string> compatibleSilos)
    {
        var now = time.GetUtcNow();
        // A replica placed again (its last activation failed or unloaded) no longer holds its old reservation.
        _reservations.RemoveAll(r => r.Until <= now || r.ReplicaKey == replicaKey);
        var compatible = compatibleSilos.ToHashSet(StringComparer.Ordinal);
        var silo = PlacementChoice.Pick(replicaKey, kvCacheBytes, LiveOffers().Where(o => compatible.Contains(o.Silo)), _reservations);
        if (silo is not null)
            _reservations.Add(new PlacementReservation(silo, replicaKey, kvCacheBytes, now + ReservationLifetime));
        return Task.FromResult(silo);
    }

    private IEnumerable<SiloOffer> LiveOffers()
    {
        var now = time.GetUtcNow();
        foreach (var (silo, (offer, at)) in _offers.ToList())
        {
            if (now - at > Staleness || !IsActive(silo))
                _offers.Remove(silo);
            else
                yield return offer;
        }
    }

    private bool IsActive(string silo) => membership.CurrentSnapshot.GetSiloStatus(SiloAddress.FromParsableString(silo)) == SiloStatus.Active;
}
