using Platform.Engine.Cache;

namespace Platform.Grains.Models;

/// <summary>
/// Turns a replica's drained prefix-cache journal into one publication for its deployment: the keys now cached and the
/// keys evicted, each key's last change winning. (A reloaded replica's stale entries are dropped by the deployment when
/// it reports itself loading, not here: a reset here would also wipe what the router claimed for requests in flight.)
/// </summary>
internal static class PrefixPublication
{
    /// <summary>The publication, or null when there is nothing new to say.</summary>
    public static (bool Reset, ulong[] Cached, ulong[] Evicted)? Next((bool Reset, List<PrefixCacheChange> Changes) drained)
    {
        var reset = drained.Reset;
        if (drained.Changes.Count == 0 && !reset)
            return null;
        var last = new Dictionary<ulong, bool>(drained.Changes.Count);
        foreach (var change in drained.Changes)
            last[change.Key] = change.Cached;
        var cached = last.Where(p => p.Value).Select(p => p.Key).ToArray();
        // After a reset the deployment knows nothing of this replica, so evictions would say nothing.
        var evicted = reset ? [] : last.Where(p => !p.Value).Select(p => p.Key).ToArray();
        return (reset, cached, evicted);
    }
}
