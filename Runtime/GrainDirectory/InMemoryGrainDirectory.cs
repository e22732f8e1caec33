using System.Collections.Concurrent;

namespace Platform.Runtime.GrainDirectory;

/// <summary>The grain directory of a single silo: an in-process map.</summary>
public sealed class InMemoryGrainDirectory : IGrainDirectory
{
    private readonly ConcurrentDictionary<GrainId, GrainAddress> entries = new();

    public ValueTask<GrainAddress> RegisterAsync(GrainAddress address) =>
        new(entries.GetOrAdd(address.GrainId, address));

    public ValueTask UnregisterAsync(GrainAddress address)
    {
        entries.TryRemove(new KeyValuePair<GrainId, GrainAddress>(address.GrainId, address));
        return ValueTask.CompletedTask;
    }

    public ValueTask<GrainAddress?> LookupAsync(GrainId grainId) =>
        new(entries.TryGetValue(grainId, out var address) ? address : null);
}
