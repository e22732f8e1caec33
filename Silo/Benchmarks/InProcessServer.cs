using System.Net;
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

    /// <summary>Serves the model folder or GGUF at <paramref name="modelPath"/> as <paramref name="name"/> (random weights of <paramref name="dummyDtype"/> when given) and waits until `/health` answers 200.</summary>
    public static async Task<InProcessServer> StartAsync(string modelPath, string name, string? dummyDtype, string kvCacheMemory, TimeSpan loadTimeout, CancellationToken cancellationToken)
    {
        var options = new ServeOptions
        {
            Models = [modelPath],
            ServedModelNames = [name],
            Host = "127.0.0.1",
            Port = 0,
            KvCacheMemory = kvCacheMemory,
            LoadFormat = dummyDtype is null ? "auto" : "dummy",
            DummyDtype = dummyDtype ?? "f32",
        };
        var models = ModelOptionsBuilder.Build(options, [(name, modelPath)]);
        // Warnings and errors only (a failed load among them): request logs would drown the report and cost time under load.
        var host = await PlatformHost.StartAsync(options, models, logging => logging
            .AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning)).ConfigureAwait(false);
        var server = new InProcessServer(host);
        try
        {
            await server.WaitUntilHealthyAsync(loadTimeout, cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url), Timeout = TimeSpan.FromSeconds(30) };
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var last = "";
        try
        {
            while (true)
            {
                using var response = await http.GetAsync("health", deadline.Token).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                    return;
                last = $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(deadline.Token).ConfigureAwait(false)}";
                await Task.Delay(TimeSpan.FromMilliseconds(200), deadline.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the in-process server was not healthy within {timeout.TotalSeconds:F0} s (last /health answer {last}).");
        }
    }
}
