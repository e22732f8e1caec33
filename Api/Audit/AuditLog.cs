using System.Threading.Channels;

namespace Platform.Api.Audit;

/// <summary>
/// The bounded queue between API calls and the one audit writer. A call reserves its place when it arrives and submits
/// its record when it ends, so an admitted call always has room for its record; a call that finds no room is refused.
/// </summary>
public sealed class AuditLog(AuditOptions options)
{
    private readonly Channel<AuditRecord> _queue = Channel.CreateUnbounded<AuditRecord>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _reserved;
    private volatile bool _failing;

    public AuditOptions Options { get; } = options;

    /// <summary>Calls in progress plus records not yet written.</summary>
    public int Reserved => Volatile.Read(ref _reserved);

    /// <summary>Whether the sink's last write failed (and the writer is retrying it).</summary>
    public bool IsFailing => _failing;

    /// <summary>Completes when the process stops taking records (its web server has finished) and the writer drains the rest.</summary>
    public Task Closed => _closed.Task;

    /// <summary>Takes one place for a call's record; false when the queue is full.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) <= Options.QueueCapacity)
            return true;
        Interlocked.Decrement(ref _reserved);
        return false;
    }

    /// <summary>Queues the record of a call that reserved its place; false when the writer has already finished (after shutdown).</summary>
    public bool Submit(AuditRecord record)
    {
        if (_queue.Writer.TryWrite(record))
            return true;
        Release(1);
        return false;
    }

    internal ChannelReader<AuditRecord> Reader => _queue.Reader;

    /// <summary>Frees the places of records written (or given up on).</summary>
    internal void Release(int records) => Interlocked.Add(ref _reserved, -records);

    internal void MarkFailing(bool failing) => _failing = failing;

    /// <summary>No more records: the writer drains what is queued and stops.</summary>
    internal void Complete()
    {
        _queue.Writer.TryComplete();
        _closed.TrySetResult();
    }
}
