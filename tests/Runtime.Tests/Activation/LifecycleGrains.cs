using Platform.Runtime.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Activation;

public interface ICounterGrain : IGrainWithStringKey
{
    Task<int> Increment();

    Task<int> Get();

    Task Deactivate();
}

/// <summary>Counts in persistent state; journals its construction, activation and deactivation.</summary>
public sealed class CounterGrain : Grain, ICounterGrain
{
    private readonly IPersistentState<CounterState> state;
    private readonly Journal journal;

    public CounterGrain([PersistentState("counter", "test")] IPersistentState<CounterState> state, Journal journal)
    {
        this.state = state;
        this.journal = journal;
        journal.Increment($"construct:{GetPrimaryKeyString()}");
    }

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        // The state must already be loaded here.
        journal.Add($"activate:{GetPrimaryKeyString()}:{state.State.Value}");
        journal.Increment($"activate:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Add($"deactivate:{GetPrimaryKeyString()}:{reason.Code}");
        journal.Increment($"deactivate:{GetPrimaryKeyString()}");
        return Task.CompletedTask;
    }

    public async Task<int> Increment()
    {
        state.State.Value++;
        await state.WriteStateAsync();
        return state.State.Value;
    }

    public Task<int> Get() => Task.FromResult(state.State.Value);

    public Task Deactivate()
    {
        DeactivateOnIdle();
        return Task.CompletedTask;
    }
}

public sealed class CounterState
{
    public int Value { get; set; }
}

public interface IFragileGrain : IGrainWithIntegerKey
{
    Task<long> Key();
}

/// <summary>Fails OnActivateAsync while the journal's "fail" counter is odd.</summary>
public sealed class FragileGrain(Journal journal) : Grain, IFragileGrain
{
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        journal.Increment("activate");
        if (journal.Count("fail") % 2 == 1)
            throw new InvalidOperationException("activation refused by test");
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Increment("deactivate");
        return Task.CompletedTask;
    }

    public Task<long> Key() => Task.FromResult(GetPrimaryKeyLong());
}

public interface IOneShotGrain : IGrainWithIntegerKey
{
    Task<int> Activations();
}

/// <summary>Asks to be deactivated while activating: the call that activated it must still be served.</summary>
public sealed class OneShotGrain(Journal journal) : Grain, IOneShotGrain
{
    private int activation;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        activation = journal.Increment("activate");
        DeactivateOnIdle();
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken)
    {
        journal.Increment("deactivate");
        return Task.CompletedTask;
    }

    public Task<int> Activations() => Task.FromResult(activation);
}
