using System.Runtime.CompilerServices;
using Platform.Runtime.Grains;
using Platform.Runtime.Tests.Support;

namespace Platform.Runtime.Tests.Invocation;

public interface IStreamingGrain : IGrainWithStringKey
{
    IAsyncEnumerable<int> Count(int count, CancellationToken cancellationToken = default);

    /// <summary>Yields forever until cancelled; journals "cancelled" when the cancellation reaches it.</summary>
    IAsyncEnumerable<int> Endless(CancellationToken cancellationToken = default);

    Task<int> Ping();
}

public sealed class StreamingGrain(Journal journal) : Grain, IStreamingGrain
{
    public async IAsyncEnumerable<int> Count(int count, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        for (var i = 0; i < count; i++)
        {
            await Task.Yield();
            yield return i;
        }
    }

    public async IAsyncEnumerable<int> Endless([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var i = 0;
        try
        {
            while (true)
            {
                await Task.Delay(5, cancellationToken);
                yield return i++;
            }
        }
        finally
        {
            journal.Add(cancellationToken.IsCancellationRequested ? "cancelled" : "ended");
        }
    }

    public Task<int> Ping() => Task.FromResult(1);
}
