using System.Collections.Concurrent;

namespace Platform.Runtime.Scheduling;

/// <summary>Runs an activation's work one task at a time on the thread pool, so grain code is single-threaded across awaits.</summary>
internal sealed class ActivationTaskScheduler : TaskScheduler, IThreadPoolWorkItem
{
    // Bounds how long one activation holds a pool thread before yielding it to others.
    private const int MaxTasksPerDispatch = 64;

    [ThreadStatic] private static ActivationTaskScheduler? running;

    private readonly ConcurrentQueue<Task> queue = new();
    private int scheduled;

    public override int MaximumConcurrencyLevel => 1;

    protected override void QueueTask(Task task)
    {
        queue.Enqueue(task);
        if (Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
            ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
    }

    void IThreadPoolWorkItem.Execute()
    {
        running = this;
        try
        {
            for (var i = 0; i < MaxTasksPerDispatch && queue.TryDequeue(out var task); i++)
                TryExecuteTask(task);
        }
        finally
        {
            running = null;
            Volatile.Write(ref scheduled, 0);
            if (!queue.IsEmpty && Interlocked.CompareExchange(ref scheduled, 1, 0) == 0)
                ThreadPool.UnsafeQueueUserWorkItem(this, preferLocal: false);
        }
    }

    // Inlining is only safe on the thread that is already this activation's single runner.
    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        running == this && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks() => queue.ToArray();
}
