using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Storage;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Storage;

/// <summary>The behaviour every grain storage provider must have, run once per provider.</summary>
public abstract class GrainStorageContractTests : IAsyncLifetime
{
    private ServiceProvider services = null!;

    protected abstract void AddStorage(IGrainRuntimeBuilder builder, string name);

    public Task InitializeAsync()
    {
        var builder = new TestGrainRuntimeBuilder();
        AddStorage(builder, GrainStorageNames.Default);
        services = builder.Build();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await services.DisposeAsync();

    protected IPersistentState<CounterState> NewState(GrainId grain, string stateName = "counter") =>
        services.GetRequiredService<IPersistentStateFactory>().Create<CounterState>(grain, stateName, null);

    protected static GrainId NewGrain() => new("counter", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task ReadingAbsentStateGivesFreshStateWithoutEtag()
    {
        var state = NewState(NewGrain());
        await state.ReadStateAsync();
        Assert.Equal(0, state.State.Count);
        Assert.Null(state.Etag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task WrittenStateReadsBackThroughAnotherStateObject()
    {
        var grain = NewGrain();
        var writer = NewState(grain);
        await writer.ReadStateAsync();
        writer.State.Count = 42;
        writer.State.Names.AddRange(["a", "ü \"quoted\""]);
        await writer.WriteStateAsync();

        var reader = NewState(grain);
        await reader.ReadStateAsync();
        Assert.Equal(42, reader.State.Count);
        Assert.Equal(["a", "ü \"quoted\""], reader.State.Names);
        Assert.Equal(writer.Etag, reader.Etag);
        Assert.True(reader.RecordExists);
    }

    [Fact]
    public async Task EveryWriteChangesTheEtag()
    {
        var state = NewState(NewGrain());
        await state.ReadStateAsync();
        var etags = new List<string?>();
        for (var i = 0; i < 3; i++)
        {
            state.State.Count = i;
            await state.WriteStateAsync();
            etags.Add(state.Etag);
        }
        Assert.All(etags, Assert.NotNull);
        Assert.Equal(3, etags.Distinct().Count());
    }

    [Fact]
    public async Task WriteWithStaleEtagFailsAndKeepsTheNewerRecord()
    {
        var grain = NewGrain();
        var first = NewState(grain);
        await first.WriteStateAsync();
        var stale = NewState(grain);
        await stale.ReadStateAsync();
        first.State.Count = 1;
        await first.WriteStateAsync();

        stale.State.Count = 99;
        var error = await Assert.ThrowsAsync<InconsistentStateException>(() => stale.WriteStateAsync());
        Assert.Equal(first.Etag, error.StoredEtag);

        var check = NewState(grain);
        await check.ReadStateAsync();
        Assert.Equal(1, check.State.Count);
    }

    [Fact]
    public async Task FirstWriteFailsWhenAnotherWriterCreatedTheRecordMeanwhile()
    {
        var grain = NewGrain();
        var late = NewState(grain);
        await late.ReadStateAsync();
        var early = NewState(grain);
        await early.WriteStateAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(() => late.WriteStateAsync());
    }

    [Fact]
    public async Task ClearRemovesTheRecordAndResetsTheState()
    {
        var grain = NewGrain();
        var state = NewState(grain);
        state.State.Count = 5;
        await state.WriteStateAsync();
        await state.ClearStateAsync();
        Assert.Equal(0, state.State.Count);
        Assert.Null(state.Etag);
        Assert.False(state.RecordExists);

        var reader = NewState(grain);
        await reader.ReadStateAsync();
        Assert.False(reader.RecordExists);
        Assert.Equal(0, reader.State.Count);
    }

    [Fact]
    public async Task ClearWithStaleEtagFailsAndKeepsTheRecord()
    {
        var grain = NewGrain();
        var stale = NewState(grain);
        await stale.WriteStateAsync();
        var other = NewState(grain);
        await other.ReadStateAsync();
        other.State.Count = 7;
        await other.WriteStateAsync();

        await Assert.ThrowsAsync<InconsistentStateException>(() => stale.ClearStateAsync());
        var unaware = NewState(grain);
        await Assert.ThrowsAsync<InconsistentStateException>(() => unaware.ClearStateAsync());

        var check = NewState(grain);
        await check.ReadStateAsync();
        Assert.Equal(7, check.State.Count);
    }

    [Fact]
    public async Task EtagHeldBeforeAClearNeverMatchesTheRecordWrittenAfterIt()
    {
        var grain = NewGrain();
        var old = NewState(grain);
        await old.WriteStateAsync();
        var other = NewState(grain);
        await other.ReadStateAsync();
        await other.ClearStateAsync();
        await other.WriteStateAsync();

        Assert.NotEqual(old.Etag, other.Etag);
        await Assert.ThrowsAsync<InconsistentStateException>(() => old.WriteStateAsync());
    }

    [Fact]
    public async Task RacingWritersFromTheSameVersionExactlyOneWins()
    {
        var grain = NewGrain();
        var seed = NewState(grain);
        await seed.WriteStateAsync();
        var racers = Enumerable.Range(1, 8).Select(_ => NewState(grain)).ToList();
        foreach (var racer in racers)
            await racer.ReadStateAsync();

        var attempts = racers.Select(async (racer, i) =>
        {
            racer.State.Count = i + 1;
            try
            {
                await racer.WriteStateAsync();
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        });
        var outcomes = await Task.WhenAll(attempts);

        var winner = Assert.Single(outcomes.Select((won, i) => (won, i)), o => o.won);
        var check = NewState(grain);
        await check.ReadStateAsync();
        Assert.Equal(winner.i + 1, check.State.Count);
        Assert.Equal(racers[winner.i].Etag, check.Etag);
    }

    [Fact]
    public async Task StatesOfDifferentGrainsAndNamesAreIndependent()
    {
        var grain = NewGrain();
        var a = NewState(grain, "a");
        a.State.Count = 1;
        await a.WriteStateAsync();
        var b = NewState(grain, "b");
        b.State.Count = 2;
        await b.WriteStateAsync();
        var otherGrain = NewState(grain with { Key = grain.Key + "x" }, "a");
        await otherGrain.ReadStateAsync();

        var readA = NewState(grain, "a");
        await readA.ReadStateAsync();
        Assert.Equal(1, readA.State.Count);
        Assert.False(otherGrain.RecordExists);
    }

    /// <summary>The state the contract tests store.</summary>
    public sealed class CounterState
    {
        public int Count { get; set; }
        public List<string> Names { get; set; } = [];
    }
}
