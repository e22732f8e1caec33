namespace Platform.Runtime.Storage;

/// <summary>A named grain state store: reads, writes and clears one named state of a grain under optimistic concurrency.</summary>
public interface IGrainStorage
{
    /// <summary>The name the provider is registered under (what `[PersistentState(..., storageName)]` refers to).</summary>
    string Name { get; }

    /// <summary>Returns the stored JSON payload and its ETag, or null when nothing is stored.</summary>
    Task<GrainStateRecord?> ReadAsync(GrainId grainId, string stateName, CancellationToken cancellationToken = default);

    /// <summary>Stores <paramref name="json"/> when the stored ETag still equals <paramref name="expectedEtag"/> (null: nothing stored); returns the new ETag.</summary>
    /// <exception cref="InconsistentStateException">The stored record changed since the caller read it.</exception>
    Task<string> WriteAsync(GrainId grainId, string stateName, string json, string? expectedEtag, CancellationToken cancellationToken = default);

    /// <summary>Deletes the record when its ETag still equals <paramref name="expectedEtag"/>; with a null ETag it only checks that nothing is stored.</summary>
    /// <exception cref="InconsistentStateException">The stored record changed since the caller read it.</exception>
    Task ClearAsync(GrainId grainId, string stateName, string? expectedEtag, CancellationToken cancellationToken = default);
}
