using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Hosting;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Filters;

public sealed class CallFilterTests
{
    private readonly CallLog log = new();

    private Task<TestSilo> StartAsync(Action<IGrainRuntimeBuilder>? extra = null) =>
        TestSilo.StartAsync(runtime: b =>
        {
            b.Services.AddSingleton(log);
            b.AddIncomingGrainCallFilter<RecordingIncomingFilter>().AddOutgoingGrainCallFilter<RecordingOutgoingFilter>();
            extra?.Invoke(b);
        });

    [Fact]
    public async Task Incoming_and_outgoing_filters_see_every_call_with_method_arguments_and_result()
    {
        await using var silo = await StartAsync();
        var grain = silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid());

        Assert.Equal(5, await grain.Add(2, 3));
        await grain.Touch();

        Assert.Equal(
            ["in ContextGrain IContextGrain.Add(2,3)=5", "out context Add(2,3)=5", "in ContextGrain IContextGrain.Touch()=", "out context Touch()="],
            log.Calls);
    }

    [Fact]
    public async Task Filters_see_grain_to_grain_calls_too()
    {
        await using var silo = await StartAsync();
        var (first, second) = (Guid.NewGuid(), Guid.NewGuid());

        await silo.Grains.GetGrain<IContextGrain>(first).SetAndForward("k", "v", second);

        Assert.Equal(2, log.Calls.Count(c => c.StartsWith("in ")));
        Assert.Equal(2, log.Calls.Count(c => c.StartsWith("out ")));
        Assert.Contains("in ContextGrain IContextGrain.ReadValue(k)=v", log.Calls);
    }

    [Fact]
    public async Task An_incoming_filter_can_replace_the_result()
    {
        await using var silo = await StartAsync(b => b.AddIncomingGrainCallFilter<DoublingFilter>());

        Assert.Equal(10, await silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid()).Add(2, 3));
    }
}
