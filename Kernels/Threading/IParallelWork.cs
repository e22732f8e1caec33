namespace Platform.Kernels.Threading;

/// <summary>One operation that a <see cref="WorkerPool"/> runs as independent chunks, claimed by whichever thread is free.</summary>
public interface IParallelWork
{
    /// <summary>Runs chunk <paramref name="chunk"/> of <paramref name="chunkCount"/> on participant <paramref name="worker"/> (0..WorkerCount-1, for per-thread scratch).</summary>
    void Execute(int chunk, int chunkCount, int worker);
}
