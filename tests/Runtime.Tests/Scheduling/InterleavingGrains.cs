using Platform.Runtime.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Scheduling;

public interface IProbeGrain : IGrainWithStringKey
{
    /// <summary>Enters the probe, awaits several times, leaves.</summary>
    Task Work(int awaits);

    /// <summary>Enters, then waits until <paramref name="expected"/> calls are inside at once.</summary>
    Task WaitForCompany(int expected);

    [ReadOnly]
    Task ReadWaitingForCompany(int expected);

    [ReadOnly]
    Task<string> Read(string label);

    Task Write(string label);

    Task BlockUntilReleased(string label);

    [AlwaysInterleave]
    Task Release();

    Task<int> MaxInside();
}

/// <summary>Shared behaviour of the probe grains; the subclasses differ only in reentrancy.</summary>
public abstract class ProbeGrainBase(Journal journal) : Grain, IProbeGrain
{
    private readonly Probe probe = new();
    private TaskCompletionSource company = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int inside;

    public async Task Work(int awaits)
    {
        probe.Enter();
        try
        {
            for (var i = 0; i < awaits; i++)
                await Task.Delay(1);
        }
        finally
        {
            probe.Exit();
        }
    }

    public Task WaitForCompany(int expected) => Gather(expected);

    public Task ReadWaitingForCompany(int expected) => Gather(expected);

    public async Task<string> Read(string label)
    {
        journal.Add($"read:{label}:start");
        await Task.Delay(5);
        journal.Add($"read:{label}:end");
        return label;
    }

    public async Task Write(string label)
    {
        journal.Add($"write:{label}:start");
        await Task.Delay(5);
        journal.Add($"write:{label}:end");
    }

    public async Task BlockUntilReleased(string label)
    {
        journal.Add($"block:{label}:start");
        await release.Task;
        release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        journal.Add($"block:{label}:end");
    }

    public Task Release()
    {
        journal.Add("release");
        release.TrySetResult();
        return Task.CompletedTask;
    }

    public Task<int> MaxInside() => Task.FromResult(probe.Max);

    private async Task Gather(int expected)
    {
        if (++inside >= expected)
            company.TrySetResult();
        await company.Task;
    }
}

public sealed class ProbeGrain(Journal journal) : ProbeGrainBase(journal);

public interface IReentrantProbeGrain : IProbeGrain;

[Reentrant]
public sealed class ReentrantProbeGrain(Journal journal) : ProbeGrainBase(journal), IReentrantProbeGrain;
