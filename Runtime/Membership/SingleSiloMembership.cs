namespace Platform.Runtime.Membership;

/// <summary>Membership of a cluster that is just this process (no database, nothing to heartbeat).</summary>
public sealed class SingleSiloMembership : IClusterMembership
{
    public SingleSiloMembership()
    {
        LocalSilo = new SiloAddress(Environment.MachineName, 0, DateTime.UtcNow.Ticks);
        ActiveSilos = [LocalSilo];
    }

    public SiloAddress LocalSilo { get; }

    public IReadOnlyList<SiloAddress> ActiveSilos { get; }
}
