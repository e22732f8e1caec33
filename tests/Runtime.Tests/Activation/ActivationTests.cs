using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Activation;

public sealed class ActivationTests
{
    private static Task<TestSilo> StartAsync(Journal journal, Action<Platform.Runtime.Hosting.GrainRuntimeOptions>? options = null) =>
        TestSilo.StartAsync(options, b => b.Services.AddSingleton(journal));

    [Fact]
    public async Task A_thousand_concurrent_first_calls_create_exactly_one_activation()
    {
        var journal = new Journal();
        await using var silo = await StartAsync(journal);

        var calls = Enumerable.Range(0, 1000)
            .Select(_ => Task.Run(() => silo.Grains.GetGrain<ICounterGrain>("hot").Get()))
            .ToArray();
        await Task.WhenAll(calls);

        Assert.Equal((1, 1, 1), (journal.Count("construct:hot"), journal.Count("activate:hot"), silo.ActivationCount));
    }

    [Fact]
    public async Task State_is_loaded_through_the_factory_before_OnActivateAsync()
    {
        var journal = new Journal();
        await using var silo = await StartAsync(journal);
        var grain = silo.Grains.GetGrain<ICounterGrain>("c");
        Assert.Equal(1, await grain.Increment());
        Assert.Equal(2, await grain.Increment());

        await grain.Deactivate();
        await Eventually.True(() => journal.Count("deactivate:c") == 1, "the grain deactivated");
        Assert.Equal(3, await grain.Increment());

        Assert.Equal(["activate:c:0", "deactivate:c:ApplicationRequested", "activate:c:2"], journal.Entries);
        Assert.Equal(2, silo.States.ReadCount(new GrainId("counter", "c")));
    }

    [Fact]
    public async Task Idle_activations_are_collected_and_the_next_call_reactivates_with_reloaded_state()
    {
        var journal = new Journal();
        await using var silo = await StartAsync(journal, o =>
        {
            o.CollectionAgeByGrainType["counter"] = TimeSpan.FromMilliseconds(100);
            o.CollectionScanPeriod = TimeSpan.FromMilliseconds(20);
        });
        var grain = silo.Grains.GetGrain<ICounterGrain>("idle");
        await grain.Increment();

        await Eventually.True(() => journal.Count("deactivate:idle") == 1, "the idle grain was collected");
        Assert.Equal(0, silo.ActivationCount);
        Assert.Contains("deactivate:idle:ActivationIdle", journal.Entries);

        Assert.Equal(1, await grain.Get());
        Assert.Equal(2, journal.Count("activate:idle"));
        Assert.Equal(2, silo.States.ReadCount(new GrainId("counter", "idle")));
    }

    [Fact]
    public async Task A_failed_activation_fails_the_call_and_leaves_no_activation_behind()
    {
        var journal = new Journal();
        journal.Increment("fail");
        await using var silo = await StartAsync(journal);
        var grain = silo.Grains.GetGrain<IFragileGrain>(42);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => grain.Key());
        Assert.Equal("activation refused by test", error.Message);
        Assert.Equal(0, silo.ActivationCount);

        journal.Increment("fail");
        Assert.Equal(42, await grain.Key());
        Assert.Equal((2, 0, 1), (journal.Count("activate"), journal.Count("deactivate"), silo.ActivationCount));
    }

    [Fact]
    public async Task Different_keys_get_different_activations_and_keys_round_trip()
    {
        var journal = new Journal();
        await using var silo = await StartAsync(journal);
        Assert.Equal(-7, await silo.Grains.GetGrain<IFragileGrain>(-7).Key());
        Assert.Equal(long.MaxValue, await silo.Grains.GetGrain<IFragileGrain>(long.MaxValue).Key());
        Assert.Equal(2, silo.ActivationCount);
        Assert.Equal(silo.Grains.GetGrain<IFragileGrain>(5), silo.Grains.GetGrain<IFragileGrain>(5));
    }

    [Fact]
    public async Task DeactivateOnIdle_during_activation_still_serves_the_call_that_activated_the_grain()
    {
        var journal = new Journal();
        await using var silo = await StartAsync(journal);
        var grain = silo.Grains.GetGrain<IOneShotGrain>(1);

        Assert.Equal(1, await grain.Activations());
        await Eventually.True(() => journal.Count("deactivate") == 1, "the grain deactivated after its first call");
        Assert.Equal(2, await grain.Activations());
    }
}
