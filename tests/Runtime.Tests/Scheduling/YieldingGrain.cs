using Platform.Runtime.Grains;

namespace Platform.Runtime.Tests.Scheduling;

public interface IYieldingGrain : IGrainWithStringKey
{
    /// <summary>Yields once, so the rest of the turn is queued to the activation while the caller's thread is still releasing it.</summary>
    Task<int> EchoAfterYield(int value);
}

public sealed class YieldingGrain : Grain, IYieldingGrain
{
    public async Task<int> EchoAfterYield(int value)
    {
        await Task.Yield();
        return value;
    }
}
