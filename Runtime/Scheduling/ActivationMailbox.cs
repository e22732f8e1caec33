namespace Platform.Runtime.Scheduling;

/// <summary>
/// An activation's waiting work and its turn admission rules: one writer at a time, read-only turns together,
/// always-interleave work at any time, anything at any time for reentrant grains. Not thread-safe: the activation's lock guards it.
/// </summary>
internal sealed class ActivationMailbox(bool reentrant)
{
    private readonly Queue<GrainWorkItem> waiting = new();
    private int runningReaders;
    private int runningWriters;

    /// <summary>Turns started and not yet finished.</summary>
    public int Running { get; private set; }

    public int WaitingCount => waiting.Count;

    /// <summary>Starts the item at once when the rules allow and nothing queued is ahead of it.</summary>
    public bool TryStart(GrainWorkItem item)
    {
        if ((!item.IsAlwaysInterleave && waiting.Count > 0) || !CanStart(item))
            return false;
        MarkStarted(item);
        return true;
    }

    public void Enqueue(GrainWorkItem item) => waiting.Enqueue(item);

    public void Finished(GrainWorkItem item)
    {
        Running--;
        if (item.IsAlwaysInterleave)
            return;
        if (item.IsReadOnly)
            runningReaders--;
        else
            runningWriters--;
    }

    /// <summary>Takes, in order, every queued item that may start now (dropping abandoned ones); null when none.</summary>
    public List<GrainWorkItem>? TakeStartable()
    {
        List<GrainWorkItem>? startable = null;
        while (waiting.TryPeek(out var next))
        {
            if (next.IsAbandoned)
            {
                waiting.Dequeue();
                continue;
            }
            if (!CanStart(next))
                break;
            waiting.Dequeue();
            MarkStarted(next);
            (startable ??= []).Add(next);
        }
        return startable;
    }

    /// <summary>Empties the queue, returning what never ran.</summary>
    public List<GrainWorkItem> DrainAll()
    {
        List<GrainWorkItem> all = [.. waiting];
        waiting.Clear();
        return all;
    }

    private bool CanStart(GrainWorkItem item)
    {
        if (item.IsAlwaysInterleave || reentrant || (runningReaders == 0 && runningWriters == 0))
            return true;
        return item.IsReadOnly && runningWriters == 0;
    }

    private void MarkStarted(GrainWorkItem item)
    {
        Running++;
        if (item.IsAlwaysInterleave)
            return;
        if (item.IsReadOnly)
            runningReaders++;
        else
            runningWriters++;
    }
}
