using System.Collections.Concurrent;

namespace Platform.Runtime.Tests.Support;

/// <summary>A per-silo record of what test grains did (constructions, activations, deactivations, entries), shared through DI.</summary>
public sealed class Journal
{
    private readonly ConcurrentQueue<string> entries = new();
    private readonly ConcurrentDictionary<string, int> counters = new();

    public void Add(string entry) => entries.Enqueue(entry);

    public IReadOnlyList<string> Entries => entries.ToArray();

    public int Increment(string counter) => counters.AddOrUpdate(counter, 1, (_, n) => n + 1);

    public int Count(string counter) => counters.GetValueOrDefault(counter);
}
