using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Orleans.Runtime;
using Platform.Grains.Catalog;
using Platform.Grains.Interfaces.Placement;

namespace Platform.Grains.Placement;

/// <summary>
/// Posts this silo's <see cref="SiloOffer"/> to the placement board while the silo is active: at once when a replica
/// comes or goes, and every <see cref="Period"/> (so a board re-activated elsewhere is whole again within a period).
/// </summary>
public sealed class OfferReporter(SiloCapacityOptions capacity, LocalReplicas replicas, ModelCatalog catalog, IGrainFactory grains, ILocalSiloDetails silo,
    ILogger<OfferReporter> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    /// <summary>How often the offer is posted when nothing changed.</summary>
    public static readonly TimeSpan Period = TimeSpan.FromSeconds(2);

    // One pending signal is enough: the offer sent reads the registry as it is then.
    private readonly Channel<bool> _changes = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stopping = new();
    private Task _loop = Task.CompletedTask;

    public void Participate(ISiloLifecycle lifecycle) => lifecycle.Subscribe(nameof(OfferReporter), ServiceLifecycleStage.Active, StartAsync, StopAsync);

    /// <summary>This silo's offer now.</summary>
    public SiloOffer Current()
    {
        var (keys, used) = replicas.Snapshot();
        return new SiloOffer(silo.SiloAddress.ToParsableString(), capacity.Device, capacity.KvCacheBytes, capacity.KvCacheBytes - used, [.. catalog.Names], keys);
    }

    private Task StartAsync(CancellationToken ct)
    {
        replicas.Changed += OnChanged;
        _loop = Task.Run(() => RunAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    private async Task StopAsync(CancellationToken ct)
    {
        replicas.Changed -= OnChanged;
        await _stopping.CancelAsync();
        try
        {
            await _loop.WaitAsync(ct);
        }
        catch (OperationCanceledException)
        {
            // The silo's stop timed out; the loop ends at its next wake-up.
        }
    }

    private void OnChanged() => _changes.Writer.TryWrite(true);

    private async Task RunAsync(CancellationToken ct)
    {
        var board = grains.GetGrain<IPlacementBoardGrain>(IPlacementBoardGrain.Key);
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await board.Offer(Current());
            }
            catch (Exception error)
            {
                // Placement falls back to a random silo meanwhile; the next period tries again.
                if (!ct.IsCancellationRequested)
                    logger.LogWarning("Could not post this silo's placement offer ({Error}); retrying", error.Message);
            }
            using var period = CancellationTokenSource.CreateLinkedTokenSource(ct);
            period.CancelAfter(Period);
            try
            {
                await _changes.Reader.WaitToReadAsync(period.Token);
                _changes.Reader.TryRead(out _);
            }
            catch (OperationCanceledException)
            {
                // The period passed (or the silo is stopping, which the loop condition sees).
            }
        }
    }
}
