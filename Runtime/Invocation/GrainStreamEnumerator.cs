namespace Platform.Runtime.Invocation;

/// <summary>Enumerates a grain-side IAsyncEnumerable: MoveNext and dispose run as turns of the activation that produced it.</summary>
internal sealed class GrainStreamEnumerator<T> : IAsyncEnumerator<T>
{
    private readonly GrainReference reference;
    private readonly GrainMethodDescriptor method;
    private readonly object?[] arguments;
    private readonly CancellationTokenSource? linked;
    private readonly CancellationToken token;
    private GrainStreamSession? session;
    private IAsyncEnumerator<T>? inner;
    private Task? lastGrainStep;
    private T current = default!;

    public GrainStreamEnumerator(GrainReference reference, GrainMethodDescriptor method, object?[] arguments, CancellationToken enumeratorToken)
    {
        this.reference = reference;
        this.method = method;
        this.arguments = arguments;
        var argumentToken = method.CancellationTokenIndex >= 0 ? (CancellationToken)arguments[method.CancellationTokenIndex]! : default;
        if (argumentToken.CanBeCanceled && enumeratorToken.CanBeCanceled)
        {
            linked = CancellationTokenSource.CreateLinkedTokenSource(argumentToken, enumeratorToken);
            token = linked.Token;
        }
        else
        {
            token = argumentToken.CanBeCanceled ? argumentToken : enumeratorToken;
        }
        // The grain's [EnumeratorCancellation] parameter sees both the argument and WithCancellation tokens.
        if (method.CancellationTokenIndex >= 0)
            arguments[method.CancellationTokenIndex] = token;
    }

    public T Current => current;

    public async ValueTask<bool> MoveNextAsync()
    {
        token.ThrowIfCancellationRequested();
        session ??= (GrainStreamSession)(await reference.Shared.Dispatcher.InvokeAsync(reference, method, arguments))!;
        return await RunOnGrainAsync(MoveNextOnGrainAsync);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (session is not null && !session.Activation.IsGone)
                await RunOnGrainAsync(DisposeOnGrainAsync);
        }
        catch (Exception) when (session!.Activation.IsGone)
        {
            // The activation deactivated first; the grain-side enumerator went with it.
        }
        finally
        {
            linked?.Dispose();
        }
    }

    private Task<bool> RunOnGrainAsync(Func<ValueTask<bool>> step) =>
        reference.Shared.Dispatcher.RunStreamStepAsync(session!.Activation, new GrainStreamStep(method, step), reference.GrainId, method, token);

    // Runs inside the grain turn.
    private async ValueTask<bool> MoveNextOnGrainAsync()
    {
        inner ??= ((IAsyncEnumerable<T>)session!.Enumerable).GetAsyncEnumerator(token);
        var moved = inner.MoveNextAsync().AsTask();
        lastGrainStep = moved;
        if (!await moved)
            return false;
        current = inner.Current;
        return true;
    }

    // Runs inside the grain turn; an interleaved MoveNext must finish before the iterator may be disposed.
    private async ValueTask<bool> DisposeOnGrainAsync()
    {
        if (inner is null)
            return false;
        if (lastGrainStep is { } pending)
            await pending.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Current);
        await inner.DisposeAsync();
        return false;
    }
}
