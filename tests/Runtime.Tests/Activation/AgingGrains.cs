using Platform.Runtime.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Activation;

public interface IShortLivedGrain : IGrainWithGuidKey
{
    Task<Guid> Key();

    Task KeepAliveFor(TimeSpan duration);
}

/// <summary>Collected after 50 ms idle by its attribute, whatever the global age says.</summary>
[CollectionAge(Milliseconds = 50)]
public sealed class ShortLivedGrain(Journal journal) : Grain, IShortLivedGrain
{
    public Task<Guid> Key() => Task.FromResult(GetPrimaryKey());

    public Task KeepAliveFor(TimeSpan duration)
    {
        DelayDeactivation(duration);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate:{GetPrimaryKey()}:{reason.Code}");
        return Task.CompletedTask;
    }
}
