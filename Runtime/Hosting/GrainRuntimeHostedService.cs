using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Platform.Runtime.Activation;

namespace Platform.Runtime.Hosting;

/// <summary>Starts idle collection with the host and, on graceful shutdown, deactivates every grain (their OnDeactivateAsync runs).</summary>
internal sealed class GrainRuntimeHostedService(ActivationCatalog catalog, ActivationCollector collector, IOptions<GrainRuntimeOptions> options)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        options.Value.Validate();
        collector.Start();
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await collector.DisposeAsync();
        await catalog.DeactivateAllAsync(cancellationToken);
    }
}
