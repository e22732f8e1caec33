using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Invocation;

public sealed class StreamingCallTests
{
    private readonly Journal journal = new();

    private Task<TestSilo> StartAsync() => TestSilo.StartAsync(runtime: b => b.Services.AddSingleton(journal));

    [Fact]
    public async Task An_async_enumerable_grain_method_streams_every_item_in_order()
    {
        await using var silo = await StartAsync();
        var items = new List<int>();

        await foreach (var item in silo.Grains.GetGrain<IStreamingGrain>("s").Count(5))
            items.Add(item);

        Assert.Equal([0, 1, 2, 3, 4], items);
    }

    [Fact]
    public async Task Cancelling_the_token_argument_stops_the_grain_side_iterator()
    {
        await using var silo = await StartAsync();
        using var cts = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in silo.Grains.GetGrain<IStreamingGrain>("s").Endless(cts.Token))
                if (++received == 3)
                    cts.Cancel();
        });

        Assert.Equal(3, received);
        await Eventually.True(() => journal.Entries.Contains("cancelled"), "the grain's iterator saw the cancellation");
    }

    [Fact]
    public async Task WithCancellation_reaches_the_grain_through_EnumeratorCancellation()
    {
        await using var silo = await StartAsync();
        using var cts = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in silo.Grains.GetGrain<IStreamingGrain>("s").Endless().WithCancellation(cts.Token))
                if (++received == 2)
                    cts.Cancel();
        });

        await Eventually.True(() => journal.Entries.Contains("cancelled"), "the grain's iterator saw the cancellation");
    }

    [Fact]
    public async Task Breaking_out_of_the_loop_disposes_the_grain_side_iterator_and_frees_the_grain()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IStreamingGrain>("s");

        await foreach (var item in grain.Endless())
            if (item == 1)
                break;

        Assert.Equal(["ended"], journal.Entries);
        Assert.Equal(1, await grain.Ping());
    }

    [Fact]
    public async Task Each_enumeration_restarts_the_grain_method()
    {
        await using var silo = await StartAsync();
        var stream = silo.Grains.GetGrain<IStreamingGrain>("s").Count(2);

        Assert.Equal([0, 1], await stream.ToListAsync());
        Assert.Equal([0, 1], await stream.ToListAsync());
    }
}
