using Microsoft.Extensions.Logging;
using Platform.Runtime.Activation;
using Platform.Runtime.Scheduling;

namespace Platform.Runtime.Timers;

/// <summary>A timer whose callback runs as a turn of its activation and is re-armed only after the callback finished, so ticks never overlap.</summary>
internal sealed class GrainTimer : IGrainTimer
{
    private readonly Lock gate = new();
    private readonly GrainActivation activation;
    private readonly Func<object?, CancellationToken, Task> callback;
    private readonly object? state;
    private readonly Timer timer;
    private readonly CancellationTokenSource disposal = new();
    private TimeSpan period;
    private TimeSpan? dueAfterTick;
    private bool tickInProgress;
    private bool disposed;

    public GrainTimer(GrainActivation activation, Func<object?, CancellationToken, Task> callback, object? state, GrainTimerCreationOptions options)
    {
        if (options.DueTime < TimeSpan.Zero && options.DueTime != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), "A timer's due time must be zero or more, or infinite.");
        if (options.Period <= TimeSpan.Zero && options.Period != Timeout.InfiniteTimeSpan)
            throw new ArgumentOutOfRangeException(nameof(options), "A timer's period must be positive, or infinite for a one-shot timer.");
        this.activation = activation;
        this.callback = callback;
        this.state = state;
        period = options.Period;
        KeepAlive = options.KeepAlive;
        Interleave = options.Interleave;
        timer = TurnStarter.WithoutFlow(this, static self =>
            new Timer(static s => ((GrainTimer)s!).OnFired(), self, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan));
        try
        {
            activation.AddTimer(this);
        }
        catch
        {
            timer.Dispose();
            throw;
        }
        timer.Change(options.DueTime, Timeout.InfiniteTimeSpan);
    }

    public bool KeepAlive { get; }

    private bool Interleave { get; }

    public void Change(TimeSpan dueTime, TimeSpan period)
    {
        lock (gate)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            this.period = period;
            if (tickInProgress)
                dueAfterTick = dueTime;
            else
                timer.Change(dueTime, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            if (disposed)
                return;
            disposed = true;
        }
        timer.Dispose();
        disposal.Cancel();
        activation.RemoveTimer(this);
    }

    private void OnFired()
    {
        lock (gate)
        {
            if (disposed)
                return;
            tickInProgress = true;
        }
        if (!activation.TryEnqueue(new Tick(this)))
            Dispose();
    }

    private async Task RunTickAsync()
    {
        try
        {
            if (!disposal.IsCancellationRequested)
                await callback(state, disposal.Token);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !disposal.IsCancellationRequested)
        {
            activation.Services.Logger.LogError(exception, "Timer callback of grain {GrainId} failed", activation.Id);
        }
        finally
        {
            ArmNext();
        }
    }

    private void ArmNext()
    {
        lock (gate)
        {
            tickInProgress = false;
            if (disposed)
                return;
            var due = dueAfterTick ?? period;
            dueAfterTick = null;
            if (due != Timeout.InfiniteTimeSpan)
                timer.Change(due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>One firing of the timer, queued as a turn.</summary>
    private sealed class Tick(GrainTimer owner) : GrainWorkItem(isReadOnly: false, isAlwaysInterleave: owner.Interleave)
    {
        internal override bool CountsAsActivity => owner.KeepAlive;

        internal override Task ExecuteAsync(GrainActivation activation) => owner.RunTickAsync();

        internal override void Fail(Exception exception) => owner.Dispose();
    }
}
