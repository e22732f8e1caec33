namespace Platform.Engine.Cache;

/// <summary>
/// The prefix cache's changes since the last drain, in order: each key that became cached or was evicted. Written by
/// the engine thread, drained by whoever publishes the replica's cache state (the cluster's router). Bounded: when
/// nobody drains for long, it drops its entries and asks the cache for a full snapshot, so a reader is never handed
/// a partial history as if it were whole.
/// </summary>
public sealed class PrefixCacheJournal(int capacity = 65_536)
{
    private readonly Lock _lock = new();
    private List<PrefixCacheChange> _changes = [];
    private bool _reset;

    /// <summary>Set when entries were dropped: the cache adds every key it holds at its next change.</summary>
    internal bool NeedsSnapshot { get; private set; }

    internal void Record(ulong key, bool cached)
    {
        lock (_lock)
        {
            if (_changes.Count >= capacity)
            {
                _changes.Clear();
                _reset = true;
                NeedsSnapshot = true;
                return;
            }
            _changes.Add(new PrefixCacheChange(key, cached));
        }
    }

    internal void Snapshot(IEnumerable<ulong> keys)
    {
        lock (_lock)
        {
            _changes.Clear();
            foreach (var key in keys)
                _changes.Add(new PrefixCacheChange(key, Cached: true));
            NeedsSnapshot = false;
        }
    }

    /// <summary>The changes since the last drain; <c>Reset</c> means forget everything known before and apply these.</summary>
    public (bool Reset, List<PrefixCacheChange> Changes) Drain()
    {
        lock (_lock)
        {
            var drained = (_reset, _changes);
            _changes = [];
            _reset = false;
            return drained;
        }
    }
}

/// <summary>One change of the prefix cache: <see cref="Key"/> (the block's chained hash) became cached, or was evicted.</summary>
public readonly record struct PrefixCacheChange(ulong Key, bool Cached);
