using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Platform.Kernels.Threading;

/// <summary>
/// Long-lived threads, one per core, woken per operation: the caller runs share 0 and the pool's threads the rest.
/// Idle threads spin briefly (operations of a forward pass follow each other within microseconds) and then sleep.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private readonly ManualResetEventSlim[] _wake;
    private readonly Lock _gate = new();
    private IParallelWork? _work;
    private int _generation;
    private int _pending;
    private Exception? _error;
    private volatile bool _disposed;

    /// <summary>The process-wide pool with one worker per processor.</summary>
    public static WorkerPool Shared { get; } = new(Environment.ProcessorCount);

    public WorkerPool(int workerCount)
    {
        WorkerCount = Math.Max(1, workerCount);
        _wake = new ManualResetEventSlim[WorkerCount - 1];
        for (var i = 1; i < WorkerCount; i++)
        {
            _wake[i - 1] = new ManualResetEventSlim(false, 0);
            new Thread(Loop) { IsBackground = true, Name = $"kernel-worker-{i}" }.Start(i);
        }
    }

    public int WorkerCount { get; }

    /// <summary>Runs <paramref name="work"/> on all workers and returns when every share is done; rethrows a worker's exception.</summary>
    public void Run(IParallelWork work)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        lock (_gate)
        {
            if (WorkerCount == 1)
            {
                work.Execute(0, 1);
                return;
            }
            _work = work;
            Volatile.Write(ref _pending, WorkerCount - 1);
            Interlocked.Increment(ref _generation);
            foreach (var wake in _wake)
                wake.Set();
            try
            {
                work.Execute(0, WorkerCount);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            var spin = new SpinWait();
            while (Volatile.Read(ref _pending) != 0)
                spin.SpinOnce(sleep1Threshold: -1);
            _work = null;
            var error = Interlocked.Exchange(ref _error, null);
            if (error is not null)
                ExceptionDispatchInfo.Throw(error);
        }
    }

    public void Dispose()
    {
        _disposed = true;
        foreach (var wake in _wake)
            wake.Set();
    }

    private void Loop(object? state)
    {
        var index = (int)state!;
        var wake = _wake[index - 1];
        var seen = 0;
        while (true)
        {
            var idleSince = Stopwatch.GetTimestamp();
            int generation;
            while ((generation = Volatile.Read(ref _generation)) == seen)
            {
                if (_disposed)
                    return;
                if (Stopwatch.GetTimestamp() - idleSince < SpinTicks)
                {
                    Thread.SpinWait(16);
                    continue;
                }
                wake.Reset();
                if (Volatile.Read(ref _generation) == seen && !_disposed)
                    wake.Wait();
            }
            seen = generation;
            try
            {
                _work!.Execute(index, WorkerCount);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            Interlocked.Decrement(ref _pending);
        }
    }
}
