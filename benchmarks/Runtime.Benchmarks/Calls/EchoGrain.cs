using Platform.Runtime.Grains;

namespace Platform.Runtime.Benchmarks.Calls;

public interface IEchoGrain : IGrainWithIntegerKey
{
    Task<int> Echo(int value);
}

/// <summary>A non-reentrant grain whose method does no work, so a call measures only the runtime.</summary>
public sealed class EchoGrain : Grain, IEchoGrain
{
    public Task<int> Echo(int value) => Task.FromResult(value);
}
