using System.Collections.Concurrent;
using System.Diagnostics.Tracing;
using System.Text;
using Platform.Api.Tests.Endpoints.Support;

namespace Platform.Api.Tests.OpenAI;

/// <summary>A body of megabytes is read into buffers the GC reclaims, not into arrays the shared pool keeps for good.</summary>
public sealed class LargeBodyBufferTests
{
    [Fact]
    public async Task MegabyteBody_ReturnsNoBufferOverOneMebibyteToTheSharedArrayPool()
    {
        await using var server = await ApiTestServer.StartAsync();
        using var returns = new PoolReturns();
        // 6 MiB, well-formed, no model: read to the end, then refused.
        var body = "{\"prompt\":\"" + new string('x', 6 << 20) + "\"}";

        var (status, _) = await server.PostAsync("/v1/completions", body);

        Assert.Equal(400, status);
        Assert.DoesNotContain(returns.Sizes, size => size > 1 << 20);
    }

    /// <summary>The sizes of the buffers returned to ArrayPool&lt;byte&gt;.Shared while it listens (the runtime's pool events).</summary>
    sealed class PoolReturns : EventListener
    {
        const int BufferReturned = 3;

        public ConcurrentBag<int> Sizes { get; } = [];

        protected override void OnEventSourceCreated(EventSource source)
        {
            if (source.Name == "System.Buffers.ArrayPoolEventSource")
                EnableEvents(source, EventLevel.Verbose);
        }

        protected override void OnEventWritten(EventWrittenEventArgs e)
        {
            if (e.EventId == BufferReturned && e.Payload is [_, int size, ..])
                Sizes.Add(size);
        }
    }
}
