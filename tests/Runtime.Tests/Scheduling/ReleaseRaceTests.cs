using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Scheduling;

public sealed class ReleaseRaceTests
{
    // Every call runs inline on the caller's thread until its yield, whose continuation is queued from the thread pool
    // while the caller releases the activation: the exact window where a release without a full fence lost the
    // continuation and the call hung until its timeout.
    [Fact]
    public async Task Continuations_queued_while_the_calling_thread_releases_the_activation_are_never_lost()
    {
        await using var silo = await TestSilo.StartAsync(o => o.CallTimeout = TimeSpan.FromSeconds(5));
        var callers = Enumerable.Range(0, 4).Select(c => Task.Run(async () =>
        {
            var grain = silo.Grains.GetGrain<IYieldingGrain>($"yield-{c}");
            for (var i = 0; i < 5_000; i++)
                Assert.Equal(i, await grain.EchoAfterYield(i));
        }));
        await Task.WhenAll(callers);
    }
}
