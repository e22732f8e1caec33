using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Platform.Api.Audit;

/// <summary>
/// The one background writer: takes queued records in batches and writes each until the sink accepts it (a failure is
/// counted, logged and retried with backoff, the records stay queued). Stops only after the web server has finished its
/// requests (<see cref="StoppedAsync"/>), then writes everything still queued.
/// </summary>
internal sealed class AuditWriter(AuditLog log, AuditMetrics metrics, ILogger<AuditWriter> logger) : IHostedLifecycleService
{
    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private readonly CancellationTokenSource _abort = new();
    private Task _loop = Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    // Kestrel is still finishing requests (and submitting their records) while other services stop.
    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        log.Complete();
        try
        {
            await _loop.WaitAsync(log.Options.DrainTimeout, cancellationToken);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            await _abort.CancelAsync();
            await _loop;
        }
        await log.Options.Sink.DisposeAsync();
    }

    private async Task RunAsync()
    {
        var batch = new List<AuditRecord>(log.Options.BatchSize);
        try
        {
            while (await log.Reader.WaitToReadAsync(_abort.Token))
            {
                while (batch.Count < log.Options.BatchSize && log.Reader.TryRead(out var record))
                    batch.Add(record);
                await WriteAsync(batch);
                log.Release(batch.Count);
                metrics.Written(batch.Count);
                batch.Clear();
            }
        }
        catch (Exception) when (_abort.IsCancellationRequested)
        {
            var lost = batch.Count + log.Reader.Count;
            logger.LogError("The audit log stopped with {Records} records unwritten: {Sink} did not accept them within the drain timeout ({Seconds} s)",
                lost, log.Options.Sink.Description, log.Options.DrainTimeout.TotalSeconds);
        }
    }

    private async Task WriteAsync(List<AuditRecord> batch)
    {
        var delay = FirstRetryDelay;
        while (true)
        {
            try
            {
                await log.Options.Sink.WriteAsync(batch, _abort.Token);
                if (log.IsFailing)
                    logger.LogInformation("The audit log writes to {Sink} again", log.Options.Sink.Description);
                log.MarkFailing(false);
                return;
            }
            catch (Exception e) when (!_abort.IsCancellationRequested)
            {
                log.MarkFailing(true);
                metrics.WriteFailed();
                logger.LogError(e, "Writing {Records} audit records to {Sink} failed ({Queued} queued of {Capacity}; new calls get 503 when full); retrying in {Delay} ms",
                    batch.Count, log.Options.Sink.Description, log.Reserved, log.Options.QueueCapacity, delay.TotalMilliseconds);
            }
            await Task.Delay(delay, _abort.Token);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, log.Options.MaxRetryDelay.Ticks));
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
