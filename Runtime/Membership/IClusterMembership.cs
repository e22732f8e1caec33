namespace Platform.Runtime.Membership;

/// <summary>Which silos are alive; the local single-silo implementation knows only itself.</summary>
public interface IClusterMembership
{
    SiloAddress LocalSilo { get; }

    IReadOnlyList<SiloAddress> ActiveSilos { get; }
}
