using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Platform.Api.Hosting;
using Platform.Grains.Interfaces.Models;

namespace Platform.Silo.Hosting;

/// <summary>On an API node (no models of its own): keeps the served-model list equal to the cluster registry's.</summary>
internal sealed class ServedModelsFollower(ApiOptions api, IGrainFactory grains, ILogger<ServedModelsFollower> logger) : BackgroundService
{
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var registry = grains.GetGrain<IModelRegistryGrain>(IModelRegistryGrain.Key);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                api.ReplaceServedModels(await registry.GetModels());
            }
            catch (Exception error) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning("Could not read the cluster's served models ({Error}); keeping the last list", error.Message);
            }
            try
            {
                await Task.Delay(Period, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
