using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Models;
using Platform.Grains.Models;

namespace Platform.Silo.Hosting;

/// <summary>
/// On a silo with engines: activates replicas at start (as vLLM loads at start, so the first request does not pay the
/// cold start), one per model on each starting silo and the rest a few seconds apart, and keeps this silo's models in
/// the cluster registry that API nodes read.
/// </summary>
internal sealed class ModelRegistration(ModelCatalog catalog, IGrainFactory grains, ILocalSiloDetails silo, ILogger<ModelRegistration> logger)
    : BackgroundService
{
    /// <summary>How long a silo waits for others to take the remaining replicas before it takes another itself.</summary>
    private static readonly TimeSpan WarmPeriod = TimeSpan.FromSeconds(3);

    /// <summary>Before the host reports started: one replica per model is activated here and known to its deployment as loading.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await WarmAsync(catalog.Names, cancellationToken);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await Task.WhenAll(KeepWarmAsync(stoppingToken), RegisterAsync(stoppingToken));
    }

    /// <summary>Takes one more replica of each model every few seconds while some are not in memory anywhere.</summary>
    private async Task KeepWarmAsync(CancellationToken stoppingToken)
    {
        var pending = catalog.Names.ToList();
        while (pending.Count > 0 && !stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(WarmPeriod, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            pending = await WarmAsync(pending, stoppingToken);
        }
    }

    /// <summary>Warms one replica of each model here; returns the models that still have replicas out of memory.</summary>
    private async Task<List<string>> WarmAsync(IEnumerable<string> models, CancellationToken ct)
    {
        var pending = new List<string>();
        foreach (var name in models)
        {
            try
            {
                if (await grains.GetGrain<IDeploymentGrain>(name).Warm(silo.SiloAddress.ToParsableString()).WaitAsync(ct) > 0)
                    pending.Add(name);
            }
            catch (Exception error) when (error is not OperationCanceledException)
            {
                logger.LogError(error, "Model {Model}: a replica could not be activated", name);
            }
        }
        return pending;
    }

    private async Task RegisterAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Key);
        var names = catalog.Names.ToList();
        using var timer = new PeriodicTimer(ModelRegistryGrain.RefreshPeriod);
        do
        {
            try
            {
                await registry.Register(silo.Name, names);
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not register served models with the cluster ({Error}); retrying", error.Message);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        try
        {
            await grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Key).Unregister(silo.Name).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception)
        {
            // The entry lapses on its own when it is not refreshed.
        }
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
