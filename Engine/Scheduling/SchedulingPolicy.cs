namespace Platform.Engine.Scheduling;

/// <summary>Which waiting sequence is admitted first and which running one is preempted first.</summary>
public enum SchedulingPolicy
{
    /// <summary>First come, first served; the most recently admitted sequence is preempted first.</summary>
    Fcfs,

    /// <summary>Lower <c>Priority</c> values first (then arrival); the lowest-priority, newest sequence is preempted first.</summary>
    Priority,
}
