namespace Platform.Kernels.Threading;

/// <summary>One operation that a <see cref="WorkerPool"/> runs on every worker at once; each worker does its share.</summary>
public interface IParallelWork
{
    /// <summary>Runs this worker's share; <paramref name="worker"/> is 0..<paramref name="workerCount"/>-1.</summary>
    void Execute(int worker, int workerCount);
}
