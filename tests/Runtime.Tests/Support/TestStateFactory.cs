using System.Collections.Concurrent;
using System.Text.Json;

namespace Platform.Runtime.Tests.Support;

/// <summary>An in-test grain storage: JSON copies in a dictionary with ETags, counting loads per grain.</summary>
internal sealed class TestStateFactory : IPersistentStateFactory
{
    private readonly ConcurrentDictionary<(GrainId, string), (string Json, string Etag)> records = new();
    private readonly ConcurrentDictionary<GrainId, int> reads = new();

    public int ReadCount(GrainId grainId) => reads.GetValueOrDefault(grainId);

    public IPersistentState<TState> Create<TState>(GrainId grainId, string stateName, string? storageName) where TState : new() =>
        new StoredState<TState>(this, grainId, stateName);

    private sealed class StoredState<TState>(TestStateFactory store, GrainId grainId, string name) : IPersistentState<TState> where TState : new()
    {
        public TState State { get; set; } = new();
        public string? Etag { get; private set; }
        public bool RecordExists => Etag is not null;

        public Task ReadStateAsync(CancellationToken cancellationToken = default)
        {
            store.reads.AddOrUpdate(grainId, 1, (_, n) => n + 1);
            if (store.records.TryGetValue((grainId, name), out var record))
            {
                State = JsonSerializer.Deserialize<TState>(record.Json)!;
                Etag = record.Etag;
            }
            return Task.CompletedTask;
        }

        public Task WriteStateAsync(CancellationToken cancellationToken = default)
        {
            var etag = Guid.NewGuid().ToString("N");
            store.records[(grainId, name)] = (JsonSerializer.Serialize(State), etag);
            Etag = etag;
            return Task.CompletedTask;
        }

        public Task ClearStateAsync(CancellationToken cancellationToken = default)
        {
            store.records.TryRemove((grainId, name), out _);
            State = new TState();
            Etag = null;
            return Task.CompletedTask;
        }
    }
}
