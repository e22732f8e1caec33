using Platform.Grains.Interfaces.Models;

namespace Platform.Grains.Deployments;

/// <summary>
/// A deployment's view of its replicas, made only of what they reported (they may live on any silo): a report older
/// than the staleness limit, or from a silo the cluster declared dead, counts as lost (unlike an idle unload, which the
/// replica reports itself).
/// </summary>
internal sealed class ReplicaBook(int replicas, TimeSpan staleness, TimeProvider time)
{
    private readonly (ReplicaStatus Status, long At, int Routed)?[] _reports = new (ReplicaStatus, long, int)?[replicas];
    private readonly HashSet<int> _lost = [];
    private readonly HashSet<int> _idle = [];

    public int Count => replicas;

    public void Record(int replica, ReplicaStatus status)
    {
        _reports[replica] = (status, time.GetTimestamp(), 0);
        _lost.Remove(replica);
        _idle.Remove(replica);
    }

    /// <summary>The replica left memory on purpose (it unloaded idle): it still counts toward the replica count, cold.</summary>
    public void Forget(int replica)
    {
        _reports[replica] = null;
        _lost.Remove(replica);
        _idle.Add(replica);
    }

    /// <summary>The replica was in memory and is gone without unloading (its silo died, or it stopped answering): re-create it.</summary>
    public void Lose(int replica)
    {
        if (_reports[replica] is null)
            return;
        _reports[replica] = null;
        _lost.Add(replica);
    }

    /// <summary>Replicas lost since they last reported, to be activated again elsewhere.</summary>
    public IReadOnlyCollection<int> Lost => _lost;

    /// <summary>Replicas that unloaded idle (scaled to zero) and have not been woken since.</summary>
    public IReadOnlyCollection<int> Idle => _idle;

    /// <summary>Counts a request routed to a ready replica until its next report, so a burst spreads instead of piling on one.</summary>
    public void CountRouted(int replica)
    {
        if (_reports[replica] is { } r)
            _reports[replica] = r with { Routed = r.Routed + 1 };
    }

    /// <summary>The replica's reported load plus what was routed to it since (kept apart: status readers see only what it reported).</summary>
    public ReplicaLoad RoutingLoad(int replica, ReplicaStatus current) =>
        _reports[replica] is { Routed: > 0 } r ? current.Load with { Waiting = current.Load.Waiting + r.Routed } : current.Load;

    /// <summary>The replica's last report if it still stands, else null.</summary>
    public ReplicaStatus? Current(int replica, Func<string, bool> siloAlive)
    {
        if (_reports[replica] is not { } r)
            return null;
        if (time.GetElapsedTime(r.At) > staleness || !siloAlive(r.Status.Silo))
        {
            Lose(replica);
            return null;
        }
        return r.Status;
    }
}
