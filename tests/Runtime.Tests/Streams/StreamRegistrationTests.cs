using Microsoft.Extensions.DependencyInjection;
using Platform.Runtime.Streams;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Streams;

/// <summary>Stream providers are registered by name on the runtime builder and found again from the service provider.</summary>
public sealed class StreamRegistrationTests
{
    [Fact]
    public async Task NamedProvidersAreSeparateAndUseTheirOptions()
    {
        var builder = new TestGrainRuntimeBuilder();
        builder.AddMemoryStreams().AddMemoryStreams("small", o => o.BufferSize = 2);
        await using var services = builder.Build();

        var small = services.GetStreamProvider("small");
        Assert.Same(small, services.GetRequiredKeyedService<IStreamProvider>("small"));
        var id = new StreamId("tokens", "r1");
        var tokens = new List<StreamSequenceToken>();
        foreach (var i in Enumerable.Range(0, 5))
            tokens.Add(await small.GetStream<int>(id).OnNextAsync(i));
        await Assert.ThrowsAsync<StreamDataLossException>(async () => await small.GetStream<int>(id).SubscribeAsync(tokens[0]));

        var other = services.GetStreamProvider();
        Assert.Equal(StreamRegistration.DefaultProviderName, other.Name);
        Assert.Equal(1, (await other.GetStream<int>(id).OnNextAsync(0)).SequenceNumber);
    }

    [Fact]
    public async Task AskingForAnUnregisteredProviderIsAClearError()
    {
        var builder = new TestGrainRuntimeBuilder();
        builder.AddMemoryStreams();
        await using var services = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => services.GetStreamProvider("events"));
        Assert.Contains("'events'", error.Message);
    }

    [Fact]
    public void InvalidOptionsAndDuplicateNamesAreRejectedAtRegistration()
    {
        var builder = new TestGrainRuntimeBuilder();
        Assert.Throws<ArgumentException>(() => builder.AddMemoryStreams("bad", o => o.SubscriberCapacity = 0));
        builder.AddMemoryStreams("x");
        Assert.Throws<InvalidOperationException>(() => builder.AddMemoryStreams("x"));
    }
}
