namespace Platform.Grains.Placement;

/// <summary>
/// The model replicas activated on this silo (loading or loaded) and the KV bytes each takes: what the silo's offer lists
/// and subtracts from its budget. Model grains add themselves on activation and remove themselves on deactivation.
/// </summary>
public sealed class LocalReplicas
{
    private readonly Lock _lock = new();
    private readonly SortedDictionary<string, long> _replicas = new(StringComparer.Ordinal);

    /// <summary>Raised after a replica came or went, so the offer is posted at once rather than at the next period.</summary>
    public event Action? Changed;

    public void Activated(string replicaKey, long kvCacheBytes)
    {
        lock (_lock)
            _replicas[replicaKey] = kvCacheBytes;
        Changed?.Invoke();
    }

    public void Deactivated(string replicaKey)
    {
        bool removed;
        lock (_lock)
            removed = _replicas.Remove(replicaKey);
        if (removed)
            Changed?.Invoke();
    }

    /// <summary>The replicas' keys in order and the KV bytes they take together.</summary>
    public (IReadOnlyList<string> Keys, long KvCacheBytes) Snapshot()
    {
        lock (_lock)
            return ([.. _replicas.Keys], _replicas.Values.Sum());
    }
}
