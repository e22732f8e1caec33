using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Grains.Catalog;
using Platform.Runtime;
using Platform.Runtime.Hosting;
using Platform.Runtime.Storage;
using Platform.Runtime.Streams;

namespace Platform.Grains.Tests.Support;

/// <summary>A started generic host with the real grain runtime, memory storage and streams, and a catalog of tiny models.</summary>
internal sealed class GrainTestSilo : IAsyncDisposable
{
    private readonly IHost _host;

    private GrainTestSilo(IHost host, LogSink logs)
    {
        _host = host;
        Logs = logs;
    }

    public IServiceProvider Services => _host.Services;

    public IGrainFactory Grains => _host.Services.GetRequiredService<IGrainFactory>();

    public ModelCatalog Catalog => _host.Services.GetRequiredService<ModelCatalog>();

    public LogSink Logs { get; }

    /// <summary>Grain state storage: the silo's own memory storage, or <paramref name="storage"/> to share state between silos.</summary>
    public static async Task<GrainTestSilo> StartAsync(IEnumerable<ServedModelOptions> models, Action<GrainRuntimeOptions>? options = null,
        IGrainStorage? storage = null)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        var logs = new LogSink();
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Information);
        builder.Services.AddSingleton(new ModelCatalog(models));
        builder.AddGrainRuntime(b =>
        {
            if (storage is null)
                b.AddMemoryGrainStorageAsDefault();
            else
                b.AddGrainStorage(GrainStorageNames.Default, _ => storage);
            b.AddMemoryStreams();
            b.Configure(o => o.CallTimeout = TimeSpan.FromSeconds(60));
            if (options is not null)
                b.Configure(options);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new GrainTestSilo(host, logs);
    }

    public async ValueTask DisposeAsync()
    {
        // A shutdown that hangs (an engine thread that never stops) fails the test instead of stalling the run.
        await _host.StopAsync().WaitAsync(TimeSpan.FromMinutes(1));
        _host.Dispose();
    }
}
