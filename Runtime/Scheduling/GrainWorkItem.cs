using Platform.Runtime.Activation;

namespace Platform.Runtime.Scheduling;

/// <summary>One unit of work in an activation's mailbox: a grain call, a timer tick or a stream step.</summary>
public abstract class GrainWorkItem
{
    private volatile bool abandoned;

    private protected GrainWorkItem(bool isReadOnly, bool isAlwaysInterleave)
    {
        IsReadOnly = isReadOnly;
        IsAlwaysInterleave = isAlwaysInterleave;
    }

    internal bool IsReadOnly { get; }
    internal bool IsAlwaysInterleave { get; }

    /// <summary>Whether queuing this item counts as use of the activation (resets its idle clock).</summary>
    internal virtual bool CountsAsActivity => true;

    /// <summary>Whether the item may run on a fresh activation when the one it was queued at deactivates first.</summary>
    internal virtual bool CanMoveToNewActivation => false;

    /// <summary>Set when the caller gave up (timeout, cancellation): the item is dropped if it has not started.</summary>
    internal bool IsAbandoned => abandoned;

    internal void Abandon() => abandoned = true;

    /// <summary>Runs the turn on the activation's scheduler; must not throw (failures go to the item's own completion).</summary>
    internal abstract Task ExecuteAsync(GrainActivation activation);

    internal abstract void Fail(Exception exception);
}
