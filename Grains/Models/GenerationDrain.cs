using Microsoft.Extensions.Logging;
using Orleans.Runtime;

namespace Platform.Grains.Models;

/// <summary>
/// The generations running on this silo, and the graceful drain when it stops: before Orleans deactivates any grain
/// (which would cut the enumerations short), new generations are refused so callers route elsewhere, and running ones
/// get up to <see cref="GenerationDrainOptions.Timeout"/> to finish.
/// </summary>
public sealed class GenerationDrain(GenerationDrainOptions options, ILogger<GenerationDrain> logger) : ILifecycleParticipant<ISiloLifecycle>
{
    private readonly Lock _gate = new();
    private TaskCompletionSource _idle = Completed();
    private int _running;
    private volatile bool _draining;

    public bool IsDraining => _draining;

    public int Running => Volatile.Read(ref _running);

    /// <summary>Counts one generation until the returned handle is disposed.</summary>
    public IDisposable Track()
    {
        lock (_gate)
        {
            if (_running++ == 0)
                _idle = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        return new Handle(this);
    }

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(GenerationDrain), ServiceLifecycleStage.Active, _ => Task.CompletedTask, DrainAsync);

    private async Task DrainAsync(CancellationToken ct)
    {
        _draining = true;
        Task idle;
        lock (_gate) idle = _idle.Task;
        logger.LogInformation("Draining: new generations go to other replicas; waiting up to {Seconds} s for {Running} running here",
            options.Timeout.TotalSeconds, Running);
        if (idle.IsCompleted)
            return;
        try
        {
            await idle.WaitAsync(options.Timeout, ct);
            logger.LogInformation("Drained: every generation finished");
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            logger.LogWarning("Drain timed out with {Running} generations still running; they end as the engines unload", Running);
        }
    }

    private void Release()
    {
        lock (_gate)
            if (--_running == 0)
                _idle.TrySetResult();
    }

    private static TaskCompletionSource Completed()
    {
        var done = new TaskCompletionSource();
        done.SetResult();
        return done;
    }

    private sealed class Handle(GenerationDrain drain) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
                drain.Release();
        }
    }
}
