using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Messaging;

public sealed class CallCycleTests
{
    [Fact]
    public async Task A_call_cycle_between_non_reentrant_grains_ends_in_a_call_timeout_not_a_hang()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CallTimeout = TimeSpan.FromMilliseconds(400));
        var a = silo.Grains.GetGrain<ICycleGrain>("a");

        var error = await Assert.ThrowsAsync<GrainCallTimeoutException>(() => a.CallAround("b"));

        // Either the outer call or the inner one that closed the cycle times out first; both end the cycle.
        Assert.Contains(error.GrainId, new[] { new GrainId("cycle", "a"), new GrainId("cycle", "b") });
        // Once the cycle broke, both grains serve calls again.
        Assert.Equal("b", await silo.Grains.GetGrain<ICycleGrain>("b").Name());
        Assert.Equal("a", await a.Name());
    }

    [Fact]
    public async Task A_call_cycle_between_reentrant_grains_completes()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5));

        Assert.Equal("a", await silo.Grains.GetGrain<IReentrantCycleGrain>("a").CallAround("b"));
    }
}
