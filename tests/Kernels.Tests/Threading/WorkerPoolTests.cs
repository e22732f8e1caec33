using Platform.Kernels.Threading;

namespace Platform.Kernels.Tests.Threading;

public class WorkerPoolTests
{
    private sealed class CountingWork(int chunks) : IParallelWork
    {
        public readonly int[] Runs = new int[chunks];
        public int? ThrowOn;

        public void Execute(int chunk, int chunkCount, int worker)
        {
            Assert.Equal(Runs.Length, chunkCount);
            if (chunk == ThrowOn) throw new InvalidOperationException("chunk failed");
            Interlocked.Increment(ref Runs[chunk]);
        }
    }

    [Fact]
    public void EveryChunkRunsExactlyOnceAcrossManyConsecutiveOperations()
    {
        using var pool = new WorkerPool(3);
        for (var op = 0; op < 2000; op++)
        {
            var work = new CountingWork(1 + op % 17);
            pool.Run(work, work.Runs.Length);
            Assert.All(work.Runs, r => Assert.Equal(1, r));
        }
    }

    [Fact]
    public void ExceptionInAChunkReachesTheCallerAndThePoolKeepsWorking()
    {
        using var pool = new WorkerPool(2);
        var failing = new CountingWork(8) { ThrowOn = 5 };
        Assert.Throws<InvalidOperationException>(() => pool.Run(failing, 8));
        var next = new CountingWork(8);
        pool.Run(next, 8);
        Assert.All(next.Runs, r => Assert.Equal(1, r));
    }
}
