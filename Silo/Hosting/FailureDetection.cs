using Orleans.Configuration;

namespace Platform.Silo.Hosting;

/// <summary>
/// Membership settings for fast failover: a silo that misses two 2-second probes is voted dead, so its grains answer
/// again on the survivors about 2 s after a kill -9 (Orleans' defaults take 7–12 s).
/// </summary>
internal static class FailureDetection
{
    public static void Tune(ClusterMembershipOptions o)
    {
        o.ProbeTimeout = TimeSpan.FromSeconds(2);
        o.NumMissedProbesLimit = 2;
        o.TableRefreshTimeout = TimeSpan.FromSeconds(5);
        o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(10);
    }
}
