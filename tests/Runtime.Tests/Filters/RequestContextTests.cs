using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Filters;

public sealed class RequestContextTests
{
    [Fact]
    public async Task Request_context_values_flow_from_the_caller_into_the_grain()
    {
        await using var silo = await TestSilo.StartAsync();
        RequestContext.Set("trace", "abc");
        try
        {
            Assert.Equal("abc", await silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid()).ReadValue("trace"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task Values_a_grain_sets_flow_into_its_own_calls_but_never_back_to_the_caller()
    {
        await using var silo = await TestSilo.StartAsync();
        RequestContext.Set("trace", "caller");
        try
        {
            var seenDownstream = await silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid()).SetAndForward("trace", "callee", Guid.NewGuid());

            Assert.Equal("callee", seenDownstream);
            Assert.Equal("caller", RequestContext.Get("trace"));
        }
        finally
        {
            RequestContext.Clear();
        }
    }

    [Fact]
    public async Task A_call_without_request_context_sees_none_even_after_other_calls_carried_values()
    {
        await using var silo = await TestSilo.StartAsync();
        var grain = silo.Grains.GetGrain<IContextGrain>(Guid.NewGuid());
        RequestContext.Set("trace", "first");
        await grain.ReadValue("trace");
        RequestContext.Clear();

        Assert.Null(await grain.ReadValue("trace"));
    }
}
