namespace Platform.Engine.Cache;

/// <summary>An intrusive doubly linked list of block ids, oldest first; O(1) append, remove and pop.</summary>
internal sealed class LruBlockList
{
    private const int None = -1;
    private readonly int[] _prev;
    private readonly int[] _next;
    private readonly bool[] _linked;
    private int _head = None;
    private int _tail = None;

    public LruBlockList(int capacity)
    {
        _prev = new int[capacity];
        _next = new int[capacity];
        _linked = new bool[capacity];
    }

    public int Count { get; private set; }

    public bool Contains(int block) => _linked[block];

    public void AddLast(int block)
    {
        if (_linked[block])
            throw new InvalidOperationException($"Block {block} is already in the LRU list.");
        _prev[block] = _tail;
        _next[block] = None;
        if (_tail == None) _head = block; else _next[_tail] = block;
        _tail = block;
        _linked[block] = true;
        Count++;
    }

    public void Remove(int block)
    {
        if (!_linked[block])
            throw new InvalidOperationException($"Block {block} is not in the LRU list.");
        var prev = _prev[block];
        var next = _next[block];
        if (prev == None) _head = next; else _next[prev] = next;
        if (next == None) _tail = prev; else _prev[next] = prev;
        _linked[block] = false;
        Count--;
    }

    public int RemoveFirst()
    {
        if (_head == None)
            throw new InvalidOperationException("The LRU list is empty.");
        var block = _head;
        Remove(block);
        return block;
    }
}
