using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Dashboard;
using Platform.Api.Hosting;
using Platform.Api.Traffic;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Models;

namespace Platform.Silo.Hosting;

/// <summary>
/// One `platform` process, the composition root: an Orleans silo with the models' engines and the OpenAI API on
/// Kestrel (serve), a silo with only `/health` (silo), or the API as an Orleans client with no engines (api).
/// </summary>
public sealed class PlatformHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private PlatformHost(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    /// <summary>The base URL the HTTP endpoints listen on (the bound port when 0 was asked for).</summary>
    public string Url { get; }

    /// <summary>Served model names (on an API node, as the cluster registry last listed them).</summary>
    public IReadOnlyList<string> Models => _app.Services.GetRequiredService<ApiOptions>().ServedModels;

    public IServiceProvider Services => _app.Services;

    /// <summary>Builds and starts the process for already-resolved models; replicas start loading in the background.</summary>
    internal static async Task<PlatformHost> StartAsync(ServeOptions options, IReadOnlyList<ServedModelOptions> models, Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logging is null)
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information)
                .AddFilter("Microsoft.AspNetCore", LogLevel.Warning).AddFilter("Orleans", LogLevel.Warning).AddFilter("Polly", LogLevel.Warning);
        else
            logging(builder.Logging);
        builder.WebHost.UseUrls($"http://{FormatHost(options.Host)}:{options.Port}");
        // Room for the silo's drain on SIGTERM, with Orleans' own shutdown after it.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = options.Cluster.DrainTimeout + TimeSpan.FromSeconds(30));
        var api = new ApiOptions { ApiKey = options.ApiKey, TenantKeys = options.TenantKeys, AccessLog = options.AccessLog, Audit = AuditSetup.Create(options) };
        // One registry per process (not prometheus-net's static default): several hosts in one test process stay apart.
        var registry = Prometheus.Metrics.NewCustomRegistry();
        Prometheus.DotNetStats.Register(registry);
        builder.Services.AddSingleton(registry);
        if (options.Role == HostRole.Api)
        {
            builder.UseOrleansClient(client => ClientSetup.Configure(client, options.Cluster));
            builder.Services.AddHostedService<ServedModelsFollower>();
        }
        else
        {
            var catalog = new ModelCatalog(models);
            // Tokenizer, config and template are cheap: read them now so a bad model fails the start, not every request.
            foreach (var name in catalog.Names)
                _ = catalog.Get(name).Assets;
            builder.Services.AddSingleton(catalog);
            builder.UseOrleans(silo => SiloSetup.Configure(silo, options));
            builder.Services.AddHostedService<ModelRegistration>();
            foreach (var model in models)
                api.AddServedModel(model.Name);
            // An API node learns its models from the cluster later: only a process with models can check targets now.
            ModelAliases.CheckServed(options.Aliases, api.ServedModels);
        }
        api.Aliases = options.Aliases.ToDictionary(a => a.Name);
        if (!options.Cluster.IsEmbedded)
            builder.Services.AddSingleton<IDependencyCheck>(new PostgresReachability(options.Cluster.ConnectionString));
        builder.Services.AddPlatformApi(api);
        var app = builder.Build();
        if (options.Role == HostRole.Silo)
            app.MapPlatformHealth();
        else
        {
            app.MapPlatformApi();
            // Behind the API key with the rest: MapPlatformApi's middleware runs first for every route.
            app.MapOrleansDashboard(OrleansDashboard.Path);
        }
        await app.StartAsync();
        var url = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new PlatformHost(app, url);
    }

    /// <summary>Waits until every served model has a ready replica (tests and benchmarks call this before sending work).</summary>
    public async Task WaitUntilReadyAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var grains = _app.Services.GetRequiredService<IGrainFactory>();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var waiting = "";
        try
        {
            while (true)
            {
                var statuses = await Task.WhenAll(Models.Select(m => grains.GetGrain<IDeploymentGrain>(m).GetStatus()));
                if (Models.Count > 0 && statuses.All(s => s.Ready > 0))
                    return;
                if (statuses.FirstOrDefault(s => s.Ready == 0 && s.Loading == 0 && s.LastLoadError is not null) is { } failed)
                    throw new InvalidOperationException($"model '{failed.Model}' failed to load: {failed.LastLoadError}");
                waiting = string.Join(", ", statuses.Where(s => s.Ready == 0).Select(s => s.Model));
                await Task.Delay(TimeSpan.FromMilliseconds(100), deadline.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"no replica of {waiting} was ready within {timeout.TotalSeconds:0} s.");
        }
    }

    public Task WaitForShutdownAsync(CancellationToken cancellationToken) => _app.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private static string FormatHost(string host) => host.Contains(':') && !host.StartsWith('[') ? $"[{host}]" : host;
}
