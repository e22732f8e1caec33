using Platform.Runtime.Grains;

namespace Platform.Runtime.Tests.Invocation;

public interface IFaultyGrain : IGrainWithStringKey
{
    Task ThrowAfterAwait(string message);

    ValueTask<int> ThrowSynchronously(string message);

    /// <summary>Increments a plain field with awaits in between; reentrant, so many calls interleave.</summary>
    Task<int> UnsafeIncrement();

    Task<int> ThreadViolations();
}

[Reentrant]
public sealed class FaultyGrain : Grain, IFaultyGrain
{
    private int counter;
    private bool inSection;
    private int violations;

    public async Task ThrowAfterAwait(string message)
    {
        await Task.Yield();
        throw new ArgumentException(message);
    }

    public ValueTask<int> ThrowSynchronously(string message) => throw new InvalidOperationException(message);

    public async Task<int> UnsafeIncrement()
    {
        await Task.Yield();
        // Two threads inside this section at once would be a broken scheduler, even for a reentrant grain.
        if (inSection)
            violations++;
        inSection = true;
        var read = counter;
        Thread.SpinWait(20_000);
        counter = read + 1;
        inSection = false;
        await Task.Yield();
        return counter;
    }

    public Task<int> ThreadViolations() => Task.FromResult(violations);
}
