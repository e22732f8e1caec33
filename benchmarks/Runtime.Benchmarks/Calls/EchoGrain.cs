using Platform.Runtime.Grains;

namespace Platform.Runtime.Benchmarks.Calls;

public interface IEchoGrain : IGrainWithIntegerKey
{
    Task<int> Echo(int value);

    /// <summary>Yields once before answering, so the turn resumes on the thread pool and the caller is woken from there.</summary>
    Task<int> EchoAfterYield(int value);
}

/// <summary>A non-reentrant grain whose method does no work, so a call measures only the runtime.</summary>
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);

    public async Task<int> EchoAfterYield(int value)
    {
        await Task.Yield();
        return value;
    }
}
