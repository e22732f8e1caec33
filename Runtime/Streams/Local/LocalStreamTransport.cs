using System.Collections.Concurrent;

namespace Platform.Runtime.Streams.Local;

/// <summary>Carries stream events within this process, and drops idle and long-completed streams on a timer.</summary>
public sealed class LocalStreamTransport : IStreamTransport, IDisposable
{
    private readonly ConcurrentDictionary<StreamId, ILocalStream> streams = new();
    private readonly MemoryStreamOptions options;
    private readonly TimeProvider time;
    private readonly ITimer sweeper;
    private volatile bool disposed;

    public LocalStreamTransport(MemoryStreamOptions options, TimeProvider? time = null)
    {
        options.Validate(nameof(LocalStreamTransport));
        this.options = options;
        this.time = time ?? TimeProvider.System;
        sweeper = this.time.CreateTimer(_ => CollectIdleStreams(), null, options.CleanupInterval, options.CleanupInterval);
    }

    /// <summary>How many streams are held now (live, idle not yet collected, or completed within retention).</summary>
    public int StreamCount => streams.Count;

    public async ValueTask<StreamSequenceToken> PublishAsync<T>(StreamId id, T item, CancellationToken cancellationToken)
    {
        var stream = Enter<T>(id);
        try
        {
            return await stream.PublishAsync(item, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stream.Leave();
        }
    }

    public async Task TerminateAsync<T>(StreamId id, Exception? error, CancellationToken cancellationToken)
    {
        var stream = Enter<T>(id);
        try
        {
            await stream.TerminateAsync(error, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            stream.Leave();
        }
    }

    public ValueTask<StreamSubscription<T>> SubscribeAsync<T>(StreamId id, StreamSequenceToken? resumeFrom, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var stream = Enter<T>(id);
        try
        {
            return ValueTask.FromResult(stream.Subscribe(resumeFrom));
        }
        finally
        {
            stream.Leave();
        }
    }

    /// <summary>Drops streams idle past IdleTimeout (no subscribers, no publishing) and completed ones past CompletedRetention; returns how many.</summary>
    public int CollectIdleStreams()
    {
        var now = time.GetUtcNow();
        var dropped = 0;
        foreach (var (id, stream) in streams)
        {
            if (stream.TryRetire(now) && streams.TryRemove(KeyValuePair.Create(id, stream)))
                dropped++;
        }
        return dropped;
    }

    public void Dispose()
    {
        if (disposed)
            return;
        disposed = true;
        sweeper.Dispose();
        foreach (var stream in streams.Values)
            stream.Shutdown();
        streams.Clear();
    }

    private LocalStream<T> Enter<T>(StreamId id)
    {
        while (true)
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            var found = streams.GetOrAdd(id, static (key, state) => new LocalStream<T>(key, state.options, state.time), (options, time));
            if (found is not LocalStream<T> stream)
                throw new InvalidOperationException($"Stream {id} carries {found.ItemType.Name}, not {typeof(T).Name}.");
            if (stream.TryEnter())
                return stream;
            // Retired between lookup and entry: it is on its way out of the map; make room for a fresh one.
            streams.TryRemove(KeyValuePair.Create(id, found));
        }
    }
}
