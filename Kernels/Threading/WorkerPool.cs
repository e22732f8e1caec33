using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Platform.Kernels.Threading;

/// <summary>
/// Long-lived threads, one per core, woken per operation. An operation is split into chunks that the caller and
/// the workers claim from a shared cursor, so a worker descheduled on a busy machine delays nobody: the caller
/// takes the chunks it leaves. Idle workers spin briefly (operations follow each other within microseconds), then sleep.
/// </summary>
public sealed class WorkerPool : IDisposable
{
    private static readonly long SpinTicks = Stopwatch.Frequency / 5000; // 200 µs

    private readonly ManualResetEventSlim[] _wake;
    private readonly Lock _gate = new();
    private IParallelWork? _work;
    private int _chunkCount;
    // High 32 bits: generation of the current operation; low 32 bits: next unclaimed chunk. One word, so a worker
    // that wakes late can never claim a chunk of a later operation with the earlier operation's state.
    private long _cursor;
    private int _completed;
    private Exception? _error;
    private volatile bool _disposed;

    /// <summary>The process-wide pool with one worker per processor.</summary>
    public static WorkerPool Shared { get; } = new(Environment.ProcessorCount);

    public WorkerPool(int workerCount)
    {
        WorkerCount = Math.Clamp(workerCount, 1, WorkerScratch.MaxWorkers);
        _wake = new ManualResetEventSlim[WorkerCount - 1];
        for (var i = 1; i < WorkerCount; i++)
        {
            _wake[i - 1] = new ManualResetEventSlim(false, 0);
            new Thread(Loop) { IsBackground = true, Name = $"kernel-worker-{i}" }.Start(i);
        }
    }

    public int WorkerCount { get; }

    /// <summary>Runs all <paramref name="chunkCount"/> chunks of <paramref name="work"/> and returns when every one is done; rethrows a chunk's exception.</summary>
    public void Run(IParallelWork work, int chunkCount)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (chunkCount <= 0) return;
        lock (_gate)
        {
            if (WorkerCount == 1 || chunkCount == 1)
            {
                for (var c = 0; c < chunkCount; c++) work.Execute(c, chunkCount, 0);
                return;
            }
            _work = work;
            _chunkCount = chunkCount;
            _completed = 0;
            var generation = (int)(Volatile.Read(ref _cursor) >> 32) + 1;
            Interlocked.Exchange(ref _cursor, (long)generation << 32);
            foreach (var wake in _wake)
                wake.Set();
            Participate(generation, 0);
            var spin = new SpinWait();
            while (Volatile.Read(ref _completed) != chunkCount)
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

    private void Participate(int generation, int worker)
    {
        while (true)
        {
            var cursor = Volatile.Read(ref _cursor);
            if ((int)(cursor >> 32) != generation) return;
            var work = _work;
            var count = _chunkCount;
            var chunk = (int)cursor;
            if (chunk >= count || work is null) return;
            if (Interlocked.CompareExchange(ref _cursor, cursor + 1, cursor) != cursor) continue;
            try
            {
                work.Execute(chunk, count, worker);
            }
            catch (Exception e)
            {
                Interlocked.CompareExchange(ref _error, e, null);
            }
            Interlocked.Increment(ref _completed);
        }
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
            while ((generation = (int)(Volatile.Read(ref _cursor) >> 32)) == seen)
            {
                if (_disposed)
                    return;
                if (Stopwatch.GetTimestamp() - idleSince < SpinTicks)
                {
                    Thread.SpinWait(16);
                    continue;
                }
                wake.Reset();
                if ((int)(Volatile.Read(ref _cursor) >> 32) == seen && !_disposed)
                    wake.Wait();
            }
            seen = generation;
            Participate(generation, index);
        }
    }
}
