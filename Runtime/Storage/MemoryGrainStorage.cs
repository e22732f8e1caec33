namespace Platform.Runtime.Storage;

/// <summary>Grain state kept in this process's memory: for tests and single-silo deployments that need no durability.</summary>
public sealed class MemoryGrainStorage(string name) : IGrainStorage
{
    private readonly Dictionary<(string Type, string Key, string State), (string Json, long Version)> records = new();
    private readonly object sync = new();

    // Versions come from one counter per store, so a record that is cleared and written again never gets back an
    // ETag an older reader still holds (which would let that reader overwrite the newer record).
    private long lastVersion;

    public string Name { get; } = name;

    public Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default)
    {
        lock (sync)
        {
            GrainStateRecord? result = records.TryGetValue(Key(grainId, stateName), out var stored)
                ? new GrainStateRecord(stored.Json, GrainStateEtag.Format(stored.Version))
                : null;
            return Task.FromResult(result);
        }
    }

    public Task<string> WriteAsync(GrainId grainId, string stateName, string json, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(json);
        var expected = GrainStateEtag.Parse(expectedEtag, Name);
        var key = Key(grainId, stateName);
        lock (sync)
        {
            ThrowIfMoved(key, grainId, stateName, expected, expectedEtag);
            var version = ++lastVersion;
            records[key] = (json, version);
            return Task.FromResult(GrainStateEtag.Format(version));
        }
    }

    public Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default)
    {
        var expected = GrainStateEtag.Parse(expectedEtag, Name);
        var key = Key(grainId, stateName);
        lock (sync)
        {
            ThrowIfMoved(key, grainId, stateName, expected, expectedEtag);
            records.Remove(key);
            return Task.CompletedTask;
        }
    }

    private void ThrowIfMoved((string, string, string) key, GrainId grainId, string stateName, long? expected, string? expectedEtag)
    {
        long? stored = records.TryGetValue(key, out var current) ? current.Version : null;
        if (stored != expected)
            throw GrainStateEtag.Conflict(Name, grainId, stateName, stored is { } v ? GrainStateEtag.Format(v) : null, expectedEtag);
    }

    private static (string, string, string) Key(GrainId grainId, string stateName) => (grainId.Type, grainId.Key, stateName);
}
