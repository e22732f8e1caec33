namespace Platform.Engine.Scheduling;

/// <summary>
/// Waiting sequences ordered by (priority, arrival). A preempted sequence keeps its arrival rank, so it goes back
/// ahead of every request that arrived after it: the front of the queue under FCFS.
/// </summary>
internal sealed class WaitingQueue
{
    // Kept in reverse order so the head is the list's last element and popping it moves nothing.
    private readonly List<Sequence> _reversed = new();
    private readonly bool _byPriority;

    public WaitingQueue(SchedulingPolicy policy) => _byPriority = policy == SchedulingPolicy.Priority;

    public int Count => _reversed.Count;

    public Sequence Peek() => _reversed[^1];

    public void Pop() => _reversed.RemoveAt(_reversed.Count - 1);

    public void Add(Sequence sequence)
    {
        var index = _reversed.Count;
        while (index > 0 && Before(_reversed[index - 1], sequence))
            index--;
        _reversed.Insert(index, sequence);
    }

    public bool Remove(Sequence sequence) => _reversed.Remove(sequence);

    private bool Before(Sequence a, Sequence b)
    {
        if (_byPriority && a.Priority != b.Priority)
            return a.Priority < b.Priority;
        return a.ArrivalOrder < b.ArrivalOrder;
    }
}
