using Orleans.Runtime;
using Platform.Postgres.Tests.GrainState;

namespace Platform.Postgres.Tests.Hosting;

/// <summary>Counts in the silo's default grain storage, writing after every increment.</summary>
public sealed class CounterGrain([PersistentState("counter")] IPersistentState<Counter> counter) : Grain, ICounterGrain
{
    public async Task<int> Increment()
    {
        counter.State.Value++;
        await counter.WriteStateAsync();
        return counter.State.Value;
    }
}
