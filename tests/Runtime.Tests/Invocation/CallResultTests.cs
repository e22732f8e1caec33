using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Invocation;

public sealed class CallResultTests
{
    [Fact]
    public async Task An_exception_thrown_by_a_grain_method_reaches_the_caller_with_its_type_and_message()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IFaultyGrain>("f");

        Assert.Equal("after await", (await Assert.ThrowsAsync<ArgumentException>(() => grain.ThrowAfterAwait("after await"))).Message);
        Assert.Equal("at once", (await Assert.ThrowsAsync<InvalidOperationException>(() => grain.ThrowSynchronously("at once").AsTask())).Message);
    }

    [Fact]
    public async Task A_reentrant_grain_interleaves_only_at_awaits_and_never_runs_on_two_threads_at_once()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IFaultyGrain>("f");

        await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(() => grain.UnsafeIncrement())));

        Assert.Equal(0, await grain.ThreadViolations());
        Assert.Equal(201, await grain.UnsafeIncrement());
    }
}
