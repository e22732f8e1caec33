using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Platform.Api.Hosting;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Models;
using Platform.Runtime;
using Platform.Runtime.Hosting;
using Platform.Runtime.Storage;
using Platform.Runtime.Streams;

namespace Platform.Silo.Hosting;

/// <summary>One process running a silo (grain runtime, model grains) with the OpenAI API co-hosted on Kestrel: the embedded default.</summary>
public sealed class SiloHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private SiloHost(WebApplication app, string url, IReadOnlyList<string> models)
    {
        _app = app;
        Url = url;
        Models = models;
    }

    /// <summary>The base URL the API listens on (the bound port when 0 was asked for).</summary>
    public string Url { get; }

    /// <summary>Served model names.</summary>
    public IReadOnlyList<string> Models { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the silo and API for already-resolved models; replicas start loading in the background.</summary>
    internal static async Task<SiloHost> StartAsync(ServeOptions options, IReadOnlyList<ServedModelOptions> models, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null)
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        else
            logging(builder.Logging);
        builder.WebHost.UseUrls($"http://{FormatHost(options.Host)}:{options.Port}");
        var catalog = new ModelCatalog(models);
        // Tokenizer, config and template are cheap: read them now so a bad model fails the start, not every request.
        foreach (var name in catalog.Names)
            _ = catalog.Get(name).Assets;
        builder.Services.AddSingleton(catalog);
        builder.AddGrainRuntime(runtime =>
        {
            if (options.State is { } state)
                runtime.AddPostgresGrainStorageAsDefault(PostgresUrl.ToConnectionString(state));
            else
                runtime.AddMemoryGrainStorageAsDefault();
            runtime.AddMemoryStreams();
            runtime.Configure(o =>
            {
                // Loading weights can take minutes: activation may, and a first call waits a while for it (later ones are quick).
                o.ActivationTimeout = TimeSpan.FromMinutes(10);
                o.CallTimeout = TimeSpan.FromMinutes(2);
                o.CollectionAgeByGrainType["model"] = options.IdleTimeout;
                o.CollectionScanPeriod = TimeSpan.FromSeconds(Math.Clamp(options.IdleTimeout.TotalSeconds / 4, 1, 60));
            });
        });
        var names = models.Select(m => m.Name).ToList();
        var api = new ApiOptions { ApiKey = options.ApiKey };
        foreach (var name in names)
            api.ServedModels.Add(name);
        builder.Services.AddPlatformApi(api);
        var app = builder.Build();
        app.MapPlatformApi();
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var host = new SiloHost(app, url, names);
        host.WarmUp(models);
        return host;
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => Microsoft.Extensions.Hosting.HostingAbstractionsHostExtensions.WaitForShutdownAsync(_app, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    /// <summary>Activates every replica now (as vLLM loads at start), so the first request does not pay the cold start.</summary>
    private void WarmUp(IReadOnlyList<ServedModelOptions> models)
    {
        var grains = _app.Services.GetRequiredService<IGrainFactory>();
        var logger = _app.Services.GetRequiredService<ILoggerFactory>().CreateLogger<SiloHost>();
        foreach (var model in models)
            for (var r = 0; r < model.Replicas; r++)
            {
                var key = $"{model.Name}/{r}";
                _ = grains.GetGrain<IModelGrain>(key).GetLoad().ContinueWith(
                    t => logger.LogError(t.Exception!.GetBaseException(), "Model {Replica} failed to load", key),
                    TaskContinuationOptions.OnlyOnFaulted);
            }
    }

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
}
