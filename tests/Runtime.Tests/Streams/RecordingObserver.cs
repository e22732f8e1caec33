using Platform.Runtime.Streams;

namespace Platform.Runtime.Tests.Streams;

/// <summary>Records what an observer subscription delivered.</summary>
internal sealed class RecordingObserver<T> : IAsyncObserver<T>
{
    public List<(T Item, StreamSequenceToken Token)> Items { get; } = [];
    public TaskCompletionSource<Exception?> Ended { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    public Func<T, ValueTask>? OnItem { get; init; }

    public async ValueTask OnNextAsync(T item, StreamSequenceToken token)
    {
        Items.Add((item, token));
        if (OnItem is not null)
            await OnItem(item);
    }

    public ValueTask OnCompletedAsync()
    {
        Ended.TrySetResult(null);
        return default;
    }

    public ValueTask OnErrorAsync(Exception error)
    {
        Ended.TrySetResult(error);
        return default;
    }
}
