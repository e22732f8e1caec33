namespace Platform.Grains.Interfaces.Placement;

/// <summary>
/// The cluster's one board of silo offers (key <see cref="Key"/>): every engine silo posts its <see cref="SiloOffer"/>
/// when a replica comes or goes and every few seconds; model replica placement picks a silo from them.
/// </summary>
[Alias("platform.IPlacementBoardGrain")]
public interface IPlacementBoardGrain : IGrainWithIntegerKey
{
    public const long Key = 0;

    /// <summary>Records a silo's current offer, replacing its last one.</summary>
    [OneWay, Alias("Offer")]
    Task Offer(SiloOffer offer);

    /// <summary>Offers of silos that membership says are alive and that reported recently.</summary>
    [Alias("GetOffers")]
    Task<IReadOnlyList<SiloOffer>> GetOffers();

    /// <summary>
    /// Picks the silo for replica <paramref name="replicaKey"/> ("model/index") among <paramref name="compatibleSilos"/> whose
    /// offers list its model: one without a replica of that model first, then the most free KV bytes; reserves
    /// <paramref name="kvCacheBytes"/> there until its offer lists the replica. Null when no offer fits.
    /// </summary>
    [Alias("Place")]
    Task<string?> Place(string replicaKey, long kvCacheBytes, IReadOnlyList<string> compatibleSilos);
}
