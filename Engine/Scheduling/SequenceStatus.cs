namespace Platform.Engine.Scheduling;

/// <summary>Where a sequence is in the scheduler's life cycle.</summary>
public enum SequenceStatus
{
    /// <summary>Queued: not admitted yet, or preempted and waiting to be recomputed.</summary>
    Waiting,

    /// <summary>Admitted: holds KV blocks and is scheduled every step it can run.</summary>
    Running,

    /// <summary>Done (finished, aborted or rejected); holds no blocks.</summary>
    Finished,
}
