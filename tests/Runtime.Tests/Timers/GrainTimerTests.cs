using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Activation;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Timers;

public sealed class GrainTimerTests
{
    private readonly Journal journal = new();

    private Task<TestSilo> StartAsync(Action<Platform.Runtime.Hosting.GrainRuntimeOptions>? options = null) =>
        TestSilo.StartAsync(options, b => b.Services.AddSingleton(journal));

    [Fact]
    public async Task A_timer_slower_than_its_period_never_overlaps_itself()
    {
        await using var silo = await StartAsync();
        await silo.Grains.GetGrain<ITimerGrain>("t").StartSlowTimer(keepAlive: false);

        await Eventually.True(() => journal.Count("tick:t") >= 4, "the timer ticked four times");

        Assert.Equal(0, journal.Count("max:t:2"));
    }

    [Fact]
    public async Task A_timer_stops_when_its_activation_deactivates()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<ITimerGrain>("t");
        await grain.StartSlowTimer(keepAlive: false);
        await Eventually.True(() => journal.Count("tick:t") >= 2, "the timer ticked");

        await grain.Deactivate();
        await Eventually.True(() => journal.Entries.Contains("deactivate:t"), "the grain deactivated");
        var ticks = journal.Count("tick:t");
        // A witness timer of the same period ticking several times shows the stopped one had every chance to tick.
        await silo.Grains.GetGrain<ITimerGrain>("witness").StartSlowTimer(keepAlive: false);
        await Eventually.True(() => journal.Count("tick:witness") >= 4, "the witness timer ticked four times");

        Assert.Equal(ticks, journal.Count("tick:t"));
    }

    [Fact]
    public async Task A_keep_alive_timer_prevents_idle_collection_and_a_plain_one_does_not()
    {
        // The background scan is slowed down so this test drives collection itself.
        await using var silo = await StartAsync(o =>
        {
            o.CollectionAgeByGrainType["timer"] = TimeSpan.FromMilliseconds(50);
            o.CollectionScanPeriod = TimeSpan.FromHours(1);
        });
        await silo.Grains.GetGrain<ITimerGrain>("kept").StartSlowTimer(keepAlive: true);
        await silo.Grains.GetGrain<ITimerGrain>("plain").StartSlowTimer(keepAlive: false);
        var collector = silo.Services.GetRequiredService<ActivationCollector>();

        await Eventually.True(() => { collector.CollectIdle(); return journal.Entries.Contains("deactivate:plain"); }, "the plain timer's grain was collected");

        Assert.DoesNotContain("deactivate:kept", journal.Entries);
        Assert.Equal(1, silo.ActivationCount);
    }
}
