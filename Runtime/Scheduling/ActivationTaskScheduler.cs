using System.Collections.Concurrent;

namespace Platform.Runtime.Scheduling;

/// <summary>Runs an activation's work one task at a time, so grain code is single-threaded across awaits.</summary>
/// <remarks>
/// Work for an idle activation runs right on the calling thread (no thread hop: a local call costs about a microsecond);
/// otherwise it is queued and drained on the thread pool.
/// </remarks>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Bounds how long one activation holds a pool thread before yielding it to others.
    private const int MaxTasksPerDispatch = 64;

    // Bounds the stack a chain of synchronous grain-to-grain calls may build on one thread.
    private const int MaxInlineDepth = 8;

    [ThreadStatic] private static ActivationTaskScheduler? running;
    [ThreadStatic] private static int inlineDepth;

    private readonly ConcurrentQueue<Task> queue = new();
    private int scheduled;

    public override int MaximumConcurrencyLevel => 1;

    /// <summary>Runs the task on this thread when the activation is idle, else queues it behind the activation's work.</summary>
    public void RunOrQueue(Task task)
    {
        if (inlineDepth >= MaxInlineDepth || !queue.IsEmpty || Interlocked.CompareExchange(ref scheduled, 1, 0) != 0)
        {
            task.Start(this);
            return;
        }
        var previousScheduler = running;
        var previousContext = SynchronizationContext.Current;
        running = this;
        inlineDepth++;
        try
        {
            // Grain awaits must come back to this scheduler, not to the caller's synchronization context.
            SynchronizationContext.SetSynchronizationContext(null);
            ExecutionContext.Run(CleanExecutionContext.Instance, static t => ((Task)t!).RunSynchronously(running!), task);
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previousContext);
            inlineDepth--;
            running = previousScheduler;
            Release();
        }
    }

    protected override void QueueTask(Task task)
    {
        queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        var previous = running;
        running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerDispatch && queue.TryDequeue(out var task); i++)
                TryExecuteTask(task);
        }
        finally
        {
            running = previous;
            Release();
        }
    }

    // Inlining is only safe on the thread that currently owns this activation.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();

    /// <summary>Gives up ownership; work queued meanwhile is handed to the thread pool.</summary>
    private void Release()
    {
        // A full fence, not a release write: the queue check below must not be satisfied before the store is visible,
        // or a QueueTask whose CAS still saw "scheduled" and this check seeing an empty queue would both walk away.
        Interlocked.Exchange(ref scheduled, 0);
        if (!queue.IsEmpty && Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }
}
