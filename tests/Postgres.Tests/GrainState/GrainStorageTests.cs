using Orleans.Storage;

namespace Platform.Postgres.Tests.GrainState;

[Collection(PostgresCollection.Name)]
public sealed class GrainStorageTests(PostgresFixture postgres)
{
    private const string StateName = "counter";

    [Fact]
    public async Task A_state_never_written_reads_as_a_fresh_state_without_etag_or_record()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var state = new GrainState<Counter>(new Counter { Value = 9 }, "stale");

        await storage.ReadStateAsync(StateName, GrainStorages.NewGrainId(), state);

        Assert.NotNull(state.State);
        Assert.Equal(0, state.State.Value);
        Assert.Null(state.ETag);
        Assert.False(state.RecordExists);
    }

    [Fact]
    public async Task A_written_state_reads_back_with_the_etag_the_write_returned()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        var counter = new Counter { Value = 42, Note = "hello" };
        var written = new GrainState<Counter>(counter);

        await storage.WriteStateAsync(StateName, grain, written);
        counter.Value = 43;
        await storage.WriteStateAsync(StateName, grain, written);

        var read = await GrainStorages.ReadAsync<Counter>(storage, StateName, grain);
        Assert.Equal(43, read.State.Value);
        Assert.Equal("hello", read.State.Note);
        Assert.Equal(written.ETag, read.ETag);
        Assert.True(read.RecordExists);
        Assert.True(written.RecordExists);
    }

    [Fact]
    public async Task A_write_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_stored_state()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        var (current, stale) = await WriteTwiceAsync(storage, grain);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, stale));

        var read = await GrainStorages.ReadAsync<Counter>(storage, StateName, grain);
        Assert.Equal(1, read.State.Value);
        Assert.Equal(current.ETag, read.ETag);
    }

    [Fact]
    public async Task A_first_write_without_etag_over_a_stored_state_throws_InconsistentStateException()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        await storage.WriteStateAsync(StateName, grain, new GrainState<Counter>(new Counter { Value = 1 }));

        await Assert.ThrowsAsync<InconsistentStateException>(
            () => storage.WriteStateAsync(StateName, grain, new GrainState<Counter>(new Counter { Value = 2 })));
    }

    [Fact]
    public async Task Of_concurrent_first_writes_exactly_one_wins_and_the_rest_throw_InconsistentStateException()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        var writers = Enumerable.Range(0, 10).Select(i => new GrainState<Counter>(new Counter { Value = i })).ToList();

        var outcomes = await Task.WhenAll(writers.Select(w => Task.Run(async () =>
        {
            try
            {
                await storage.WriteStateAsync(StateName, grain, w);
                return true;
            }
            catch (InconsistentStateException)
            {
                return false;
            }
        })));

        Assert.Single(outcomes, won => won);
        var winner = Array.IndexOf(outcomes, true);
        var read = await GrainStorages.ReadAsync<Counter>(storage, StateName, grain);
        Assert.Equal(winner, read.State.Value);
        Assert.Equal(writers[winner].ETag, read.ETag);
    }

    [Fact]
    public async Task Clear_then_read_gives_a_fresh_state_with_RecordExists_false()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        var state = new GrainState<Counter>(new Counter { Value = 5 });
        await storage.WriteStateAsync(StateName, grain, state);

        await storage.ClearStateAsync(StateName, grain, state);

        Assert.False(state.RecordExists);
        Assert.Null(state.ETag);
        var read = await GrainStorages.ReadAsync<Counter>(storage, StateName, grain);
        Assert.False(read.RecordExists);
        Assert.Null(read.ETag);
        Assert.Equal(0, read.State.Value);
    }

    [Fact]
    public async Task Clear_with_a_stale_etag_throws_InconsistentStateException_and_keeps_the_state()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        var (_, stale) = await WriteTwiceAsync(storage, grain);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.ClearStateAsync(StateName, grain, stale));

        var read = await GrainStorages.ReadAsync<Counter>(storage, StateName, grain);
        Assert.True(read.RecordExists);
    }

    [Fact]
    public async Task An_etag_from_before_a_clear_is_stale_after_the_state_is_written_again()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        var state = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync(StateName, grain, state);
        var beforeClear = new GrainState<Counter>(new Counter { Value = 2 }, state.ETag);
        await storage.ClearStateAsync(StateName, grain, state);
        await storage.WriteStateAsync(StateName, grain, state);

        await Assert.ThrowsAsync<InconsistentStateException>(() => storage.WriteStateAsync(StateName, grain, beforeClear));
    }

    [Fact]
    public async Task States_of_other_services_state_names_and_grains_are_kept_apart()
    {
        var serviceId = $"service-{Guid.NewGuid():N}";
        using var storage = GrainStorages.New(postgres.ConnectionString, serviceId);
        using var otherService = GrainStorages.New(postgres.ConnectionString);
        var grain = GrainStorages.NewGrainId();
        await storage.WriteStateAsync(StateName, grain, new GrainState<Counter>(new Counter { Value = 1 }));

        await otherService.WriteStateAsync(StateName, grain, new GrainState<Counter>(new Counter { Value = 2 }));
        await storage.WriteStateAsync("other-state", grain, new GrainState<Counter>(new Counter { Value = 3 }));
        await storage.WriteStateAsync(StateName, GrainStorages.NewGrainId(), new GrainState<Counter>(new Counter { Value = 4 }));

        var read = await GrainStorages.ReadAsync<Counter>(storage, StateName, grain);
        Assert.Equal(1, read.State.Value);
    }

    /// <summary>Writes a state of value 1 twice; the stale holder, of value 2, keeps the ETag of the first write.</summary>
    private static async Task<(GrainState<Counter> Current, GrainState<Counter> Stale)> WriteTwiceAsync(IGrainStorage storage, GrainId grain)
    {
        var current = new GrainState<Counter>(new Counter { Value = 1 });
        await storage.WriteStateAsync(StateName, grain, current);
        var stale = new GrainState<Counter>(new Counter { Value = 2 }, current.ETag);
        await storage.WriteStateAsync(StateName, grain, current);
        return (current, stale);
    }
}
