using Platform.Runtime.Grains;
using Platform.Runtime.Tests.Support;
using Platform.Runtime.Timers;

namespace Platform.Runtime.Tests.Timers;

public interface ITimerGrain : IGrainWithStringKey
{
    /// <summary>Starts a timer whose period is shorter than its callback's own duration.</summary>
    Task StartSlowTimer(bool keepAlive);

    Task Deactivate();

    Task<int> Ping();
}

public sealed class TimerGrain(Journal journal) : Grain, ITimerGrain
{
    private readonly Probe probe = new();

    public Task StartSlowTimer(bool keepAlive)
    {
        RegisterGrainTimer(
            static async (self, cancellationToken) => await self.TickAsync(),
            this,
            new GrainTimerCreationOptions(TimeSpan.FromMilliseconds(5), TimeSpan.FromMilliseconds(5)) { KeepAlive = keepAlive });
        return Task.CompletedTask;
    }

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public Task<int> Ping() => Task.FromResult(1);

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    private async Task TickAsync()
    {
        probe.Enter();
        journal.Increment($"tick:{GetPrimaryKeyString()}");
        journal.Increment($"max:{GetPrimaryKeyString()}:{probe.Max}");
        await Task.Delay(20);
        probe.Exit();
    }
}
