using Platform.Runtime.Grains;

namespace Platform.Runtime.Tests.Messaging;

public interface ICycleGrain : IGrainWithStringKey
{
    /// <summary>Calls the other grain, which calls back into this one.</summary>
    Task<string> CallAround(string other);

    Task<string> CallBack(string origin);

    Task<string> Name();
}

public sealed class CycleGrain : Grain, ICycleGrain
{
    public Task<string> CallAround(string other) => GrainFactory.GetGrain<ICycleGrain>(other).CallBack(GetPrimaryKeyString());

    public Task<string> CallBack(string origin) => GrainFactory.GetGrain<ICycleGrain>(origin).Name();

    public Task<string> Name() => Task.FromResult(GetPrimaryKeyString());
}

public interface IReentrantCycleGrain : ICycleGrain;

[Reentrant]
public sealed class ReentrantCycleGrain : Grain, IReentrantCycleGrain
{
    public Task<string> CallAround(string other) => GrainFactory.GetGrain<IReentrantCycleGrain>(other).CallBack(GetPrimaryKeyString());

    public Task<string> CallBack(string origin) => GrainFactory.GetGrain<IReentrantCycleGrain>(origin).Name();

    public Task<string> Name() => Task.FromResult(GetPrimaryKeyString());
}
