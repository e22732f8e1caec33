namespace Platform.Grains.Deployments;

/// <summary>
/// Which replicas hold which prefix blocks, cluster-wide: block key (the chained hash replicas cache blocks under) to a
/// bit per replica. Fed by the replicas' published cache changes and by the router's own choices (a routed prompt's
/// blocks will be cached there). Bounded: past its capacity the keys first seen longest ago are dropped.
/// </summary>
internal sealed class PrefixIndex(int capacity)
{
    /// <summary>Replica indexes the bitmask can hold.</summary>
    public const int MaxReplicas = Catalog.ServedModelOptions.MaxReplicas;

    private readonly Dictionary<ulong, ulong> _holders = [];
    private readonly Queue<ulong> _age = new();

    public int Count => _holders.Count;

    public void Add(int replica, ulong key)
    {
        var bit = 1UL << replica;
        if (_holders.TryGetValue(key, out var mask))
        {
            _holders[key] = mask | bit;
            return;
        }
        _holders[key] = bit;
        _age.Enqueue(key);
        while (_holders.Count > capacity && _age.TryDequeue(out var oldest))
            _holders.Remove(oldest);
    }

    public void Remove(int replica, ulong key)
    {
        if (!_holders.TryGetValue(key, out var mask))
            return;
        mask &= ~(1UL << replica);
        if (mask == 0)
            _holders.Remove(key);
        else
            _holders[key] = mask;
        // The key stays in the age queue; when it comes up it is either gone or re-added, and dropping it then is harmless.
        TrimAge();
    }

    /// <summary>Forgets everything <paramref name="replica"/> held (it unloaded, died, or republishes from scratch).</summary>
    public void Forget(int replica)
    {
        var bit = 1UL << replica;
        foreach (var key in _holders.Keys.ToList())
        {
            var mask = _holders[key] & ~bit;
            if (mask == 0)
                _holders.Remove(key);
            else
                _holders[key] = mask;
        }
        TrimAge();
    }

    /// <summary>How many leading blocks of <paramref name="keys"/> each replica holds, into <paramref name="matched"/> (by replica index).</summary>
    public void Match(ReadOnlySpan<ulong> keys, Span<int> matched)
    {
        matched.Clear();
        // A replica's run ends at its first missing block: the engine reuses only an unbroken prefix.
        var running = ulong.MaxValue;
        for (var i = 0; i < keys.Length && running != 0; i++)
        {
            running &= _holders.GetValueOrDefault(keys[i]);
            for (var bits = running; bits != 0; bits &= bits - 1)
                matched[System.Numerics.BitOperations.TrailingZeroCount(bits)]++;
        }
    }

    private void TrimAge()
    {
        // Removals leave dead keys in the queue; keep it from growing past twice the live set.
        if (_age.Count <= 2 * Math.Max(capacity, _holders.Count))
            return;
        var live = _age.Where(_holders.ContainsKey).Distinct().ToList();
        _age.Clear();
        foreach (var key in live)
            _age.Enqueue(key);
    }
}
