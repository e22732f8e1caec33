using Microsoft.Extensions.Logging;
using Platform.Runtime.Grains;

namespace Platform.Runtime.Activation;

/// <summary>Periodically deactivates activations that stayed idle longer than their grain type's collection age.</summary>
internal sealed class ActivationCollector(ActivationCatalog catalog) : IAsyncDisposable
{
    private static readonly DeactivationReason IdleReason = new(DeactivationReasonCode.ActivationIdle, "Idle longer than the collection age.");

    private readonly CancellationTokenSource stop = new();
    private Task? loop;
    private int stopped;

    public void Start() => loop = RunAsync(stop.Token);

    /// <summary>One scan: asks every idle activation to deactivate; returns how many were asked.</summary>
    public int CollectIdle()
    {
        var now = catalog.Services.Time.GetTimestamp();
        var collected = 0;
        foreach (var activation in catalog.Activations)
        {
            if (!activation.IsIdleLongerThanCollectionAge(now))
                continue;
            _ = activation.RequestDeactivation(IdleReason);
            collected++;
        }
        return collected;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(catalog.Services.Options.CollectionScanPeriod, catalog.Services.Time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                try
                {
                    var collected = CollectIdle();
                    if (collected > 0)
                        catalog.Services.Logger.LogDebug("Collecting {Count} idle activations", collected);
                }
                catch (Exception error)
                {
                    // One bad scan must not end idle collection for the life of the silo.
                    catalog.Services.Logger.LogError(error, "Idle collection scan failed");
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Stops the scan loop; safe to call more than once (the host stops it, then DI disposes it).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
            return;
        await stop.CancelAsync();
        if (loop is not null)
            await loop;
        stop.Dispose();
    }
}
