namespace Platform.Grains.Deployments;

/// <summary>Which replica last served each affinity key, bounded: the least recently used keys are forgotten first.</summary>
internal sealed class AffinityTable(int capacity)
{
    private readonly Dictionary<string, LinkedListNode<(string Key, int Replica)>> _entries = new(StringComparer.Ordinal);
    private readonly LinkedList<(string Key, int Replica)> _order = new();

    public bool TryGet(string key, out int replica)
    {
        if (_entries.TryGetValue(key, out var node))
        {
            _order.Remove(node);
            _order.AddFirst(node);
            replica = node.Value.Replica;
            return true;
        }
        replica = -1;
        return false;
    }

    public void Set(string key, int replica)
    {
        if (_entries.TryGetValue(key, out var node))
            _order.Remove(node);
        else if (_entries.Count >= capacity && _order.Last is { } oldest)
        {
            _order.RemoveLast();
            _entries.Remove(oldest.Value.Key);
        }
        _entries[key] = _order.AddFirst((key, replica));
    }
}
