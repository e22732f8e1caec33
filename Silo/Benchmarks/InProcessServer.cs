using Microsoft.Extensions.Logging;
using Platform.Silo.Hosting;

namespace Platform.Silo.Benchmarks;

/// <summary>A `platform serve` silo started inside this process on a free loopback port for a benchmark; disposing stops it.</summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private readonly PlatformHost _host;

    private InProcessServer(PlatformHost host) => _host = host;

    /// <summary>The API's base URL, e.g. `http://127.0.0.1:41234`.</summary>
    public string Url => _host.Url;

    /// <summary>Serves the model folder or GGUF at <paramref name="modelPath"/> as <paramref name="name"/> (random weights of <paramref name="dummyDtype"/> when given) and waits until its replica is ready.</summary>
    public static Task<InProcessServer> StartAsync(string modelPath, string name, string? dummyDtype, string kvCacheMemory, TimeSpan loadTimeout, CancellationToken cancellationToken) =>
        StartAsync(Options(modelPath, name, dummyDtype, kvCacheMemory), loadTimeout, cancellationToken);

    /// <summary>The options of a lone server for one model; a cluster member changes its replicas, routing and cluster settings.</summary>
    internal static ServeOptions Options(string modelPath, string name, string? dummyDtype, string kvCacheMemory) => new()
    {
        Models = [modelPath],
        ServedModelNames = [name],
        Host = "127.0.0.1",
        Port = 0,
        KvCacheMemory = kvCacheMemory,
        LoadFormat = dummyDtype is null ? "auto" : "dummy",
        DummyDtype = dummyDtype ?? "f32",
    };

    /// <summary>Starts a host for the one model of <paramref name="options"/>; with a <paramref name="loadTimeout"/>, returns once a replica is ready.</summary>
    internal static async Task<InProcessServer> StartAsync(ServeOptions options, TimeSpan? loadTimeout, CancellationToken cancellationToken)
    {
        var models = ModelOptionsBuilder.Build(options, [(options.ServedModelNames[0], options.Models[0])]);
        // Warnings and errors only (a failed load among them): request logs would drown the report and cost time under load.
        var host = await PlatformHost.StartAsync(options, models, logging => logging
            .AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)).ConfigureAwait(false);
        var server = new InProcessServer(host);
        try
        {
            if (loadTimeout is { } timeout)
                await host.WaitUntilReadyAsync(timeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
