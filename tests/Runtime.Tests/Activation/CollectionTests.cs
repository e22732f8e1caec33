using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Activation;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Activation;

public sealed class CollectionTests
{
    private readonly Journal journal = new();

    // The global age is long and the background scan slow, so only the grain's own age and the test's scans matter.
    private Task<TestSilo> StartAsync() =>
        TestSilo.StartAsync(o => (o.CollectionAge, o.CollectionScanPeriod) = (TimeSpan.FromHours(1), TimeSpan.FromHours(1)),
            b => b.Services.AddSingleton(journal));

    [Fact]
    public async Task A_CollectionAge_attribute_overrides_the_global_collection_age()
    {
        await using var silo = await StartAsync();
        var key = Guid.NewGuid();
        Assert.Equal(key, await silo.Grains.GetGrain<IShortLivedGrain>(key).Key());
        var collector = silo.Services.GetRequiredService<ActivationCollector>();

        await Eventually.True(() => { collector.CollectIdle(); return journal.Entries.Contains($"deactivate:{key}:ActivationIdle"); },
            "the grain was collected after its own short age");
    }

    [Fact]
    public async Task DelayDeactivation_keeps_an_idle_grain_from_being_collected()
    {
        await using var silo = await StartAsync();
        var (kept, plain) = (Guid.NewGuid(), Guid.NewGuid());
        await silo.Grains.GetGrain<IShortLivedGrain>(kept).KeepAliveFor(TimeSpan.FromHours(1));
        await silo.Grains.GetGrain<IShortLivedGrain>(plain).Key();
        var collector = silo.Services.GetRequiredService<ActivationCollector>();

        await Eventually.True(() => { collector.CollectIdle(); return journal.Entries.Contains($"deactivate:{plain}:ActivationIdle"); },
            "the grain without a delay was collected");

        Assert.DoesNotContain($"deactivate:{kept}:ActivationIdle", journal.Entries);
        Assert.Equal(1, silo.ActivationCount);
    }
}
