namespace Platform.Runtime.Streams.Local;

/// <summary>
/// One stream inside this process: numbers events, keeps the recent ones, and hands each to every subscriber in order.
/// Publishing takes turns (one event at a time reaches the subscribers), so every subscriber sees numbers in order;
/// subscribing takes only the short lock, so it never waits behind a publisher stuck on a slow subscriber.
/// </summary>
internal sealed class LocalStream<T>(StreamId id, MemoryStreamOptions options, TimeProvider time) : ILocalStream
{
    private readonly object sync = new();
    private readonly SemaphoreSlim publishTurn = new(1, 1);
    private readonly StreamEventBuffer<T> buffer = new(options.BufferSize);
    private readonly long incarnation = NewIncarnation();
    private LocalSubscriber<T>[] subscribers = [];
    private int operations;
    private bool retired;
    private bool terminated;
    private Exception? fault;
    private DateTimeOffset lastActivity = time.GetUtcNow();

    public Type ItemType => typeof(T);

    /// <summary>Registers an operation so the sweeper leaves the stream alone; false when already retired (look it up again).</summary>
    public bool TryEnter()
    {
        lock (sync)
        {
            if (retired)
                return false;
            operations++;
            lastActivity = time.GetUtcNow();
            return true;
        }
    }

    public void Leave()
    {
        lock (sync)
            operations--;
    }

    public async ValueTask<StreamSequenceToken> PublishAsync(T item, CancellationToken cancellationToken)
    {
        await publishTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            StreamEvent<T> e;
            LocalSubscriber<T>[] targets;
            lock (sync)
            {
                ThrowIfTerminated();
                e = new StreamEvent<T>(item, new StreamSequenceToken(incarnation, buffer.LastSequence + 1));
                buffer.Append(e);
                targets = subscribers;
            }
            foreach (var subscriber in targets)
            {
                if (!await subscriber.DeliverAsync(e, cancellationToken).ConfigureAwait(false))
                    Remove(subscriber);
            }
            return e.Token;
        }
        finally
        {
            publishTurn.Release();
        }
    }

    public async Task TerminateAsync(Exception? error, CancellationToken cancellationToken)
    {
        // Waiting for the turn lets every event published before the end reach the subscribers first.
        await publishTurn.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            LocalSubscriber<T>[] targets;
            lock (sync)
            {
                ThrowIfTerminated();
                terminated = true;
                fault = error;
                lastActivity = time.GetUtcNow();
                targets = subscribers;
                subscribers = [];
            }
            foreach (var subscriber in targets)
                subscriber.Complete(TerminalError());
        }
        finally
        {
            publishTurn.Release();
        }
    }

    public StreamSubscription<T> Subscribe(StreamSequenceToken? resumeFrom)
    {
        lock (sync)
        {
            var replay = Replay(resumeFrom);
            var subscriber = new LocalSubscriber<T>(id, options.SubscriberCapacity);
            if (terminated)
                subscriber.Complete(TerminalError());
            else
                subscribers = [.. subscribers, subscriber];
            return new StreamSubscription<T>(id, replay, subscriber.Reader, () =>
            {
                Remove(subscriber);
                subscriber.Complete();
                return default;
            });
        }
    }

    public bool TryRetire(DateTimeOffset now)
    {
        lock (sync)
        {
            if (operations > 0)
                return false;
            var expired = terminated
                ? now - lastActivity >= options.CompletedRetention
                : subscribers.Length == 0 && now - lastActivity >= options.IdleTimeout;
            retired |= expired;
            return retired;
        }
    }

    public void Shutdown()
    {
        LocalSubscriber<T>[] targets;
        lock (sync)
        {
            retired = true;
            targets = subscribers;
            subscribers = [];
        }
        foreach (var subscriber in targets)
            subscriber.Complete(new StreamFaultedException(id, new ObjectDisposedException(nameof(LocalStreamTransport), "The stream provider shut down.")));
    }

    private StreamEvent<T>[] Replay(StreamSequenceToken? resumeFrom)
    {
        if (resumeFrom is not { } token)
            return [];
        if (token != StreamSequenceToken.Beginning && token.Incarnation != incarnation)
            throw new StreamDataLossException(id, token,
                $"Cannot resume stream {id} after event {token}: that token is from an earlier life of the stream, which was " +
                "dropped (idle, completed, or the silo restarted), so the events after it are lost.");
        var sequence = token.SequenceNumber;
        if (sequence < 0 || sequence > buffer.LastSequence)
            throw new ArgumentOutOfRangeException(nameof(resumeFrom),
                $"Cannot resume stream {id} after event #{sequence}: the stream's last event is #{buffer.LastSequence}.");
        if (sequence + 1 < buffer.FirstSequence)
            throw new StreamDataLossException(id, token,
                $"Cannot resume stream {id} after event #{sequence}: the buffer now starts at #{buffer.FirstSequence}, so events " +
                $"#{sequence + 1}…#{buffer.FirstSequence - 1} are lost to this subscriber (raise BufferSize to keep more).");
        return buffer.After(sequence);
    }

    private void Remove(LocalSubscriber<T> subscriber)
    {
        lock (sync)
        {
            subscribers = Array.FindAll(subscribers, s => s != subscriber);
            lastActivity = time.GetUtcNow();
        }
    }

    private Exception? TerminalError() => fault is null ? null : new StreamFaultedException(id, fault);

    private void ThrowIfTerminated()
    {
        if (terminated)
            throw new InvalidOperationException($"Stream {id} has already {(fault is null ? "completed" : "faulted")}; nothing more can be published to it.");
    }

    private static long NewIncarnation()
    {
        long value;
        do value = Random.Shared.NextInt64();
        while (value == 0);
        return value;
    }
}
