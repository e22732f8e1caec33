namespace Platform.Grains.Tenants;

/// <summary>
/// The concurrency slots a tenant's running requests hold, each a lease that lapses unless renewed, so the slots of
/// an API node that crashed mid-request come back after one lease period instead of never.
/// </summary>
internal sealed class RequestLeases
{
    readonly Dictionary<Guid, DateTimeOffset> _expiries = [];

    /// <summary>Slots held at <paramref name="now"/> (lapsed leases are dropped first).</summary>
    public int Count(DateTimeOffset now)
    {
        if (_expiries.Count > 0)
            foreach (var (lease, expiry) in _expiries)
                if (expiry <= now)
                    _expiries.Remove(lease);
        return _expiries.Count;
    }

    /// <summary>Takes a slot until <paramref name="expiry"/>.</summary>
    public Guid Open(DateTimeOffset expiry)
    {
        var lease = Guid.NewGuid();
        _expiries[lease] = expiry;
        return lease;
    }

    /// <summary>Moves a live lease's expiry; false when it lapsed (its slot may already serve another request).</summary>
    public bool Renew(Guid lease, DateTimeOffset now, DateTimeOffset expiry)
    {
        if (!_expiries.TryGetValue(lease, out var current) || current <= now)
            return false;
        _expiries[lease] = expiry;
        return true;
    }

    /// <summary>Frees a slot (nothing when it lapsed already).</summary>
    public void Close(Guid lease) => _expiries.Remove(lease);
}
