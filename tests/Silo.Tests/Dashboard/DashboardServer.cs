using Platform.Silo.Hosting;
using Platform.Silo.Tests.Serving.Support;

namespace Platform.Silo.Tests.Dashboard;

/// <summary>A `platform serve` host of its own (tiny-qwen2 as "qwen"), so its counters start at zero for the dashboard tests.</summary>
public sealed class DashboardServer : IAsyncLifetime
{
    public const string Model = "qwen";

    private PlatformHost? _host;

    public PlatformHost Host => _host ?? throw new InvalidOperationException("The server is not started.");

    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl => Host.Url;

    public async Task InitializeAsync()
    {
        var model = ServingServer.Model(Model, "tiny-qwen2");
        _host = await PlatformHost.StartAsync(new ServeOptions { Host = "127.0.0.1", Port = 0 }, [model], logging: _ => { });
        await _host.WaitUntilReadyAsync(TimeSpan.FromMinutes(1));
        Client = new HttpClient { BaseAddress = new Uri(_host.Url), Timeout = TimeSpan.FromMinutes(1) };
    }

    public async Task DisposeAsync()
    {
        Client?.Dispose();
        if (_host is not null)
            await _host.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromMinutes(1));
    }
}
