namespace Platform.Runtime;

/// <summary>A grain's persisted state, injected into its constructor and loaded before `OnActivateAsync` runs.</summary>
public interface IPersistentState<TState> where TState : new()
{
    TState State { get; set; }

    /// <summary>Version of the stored record this activation last read or wrote; null when nothing is stored.</summary>
    string? Etag { get; }

    bool RecordExists { get; }

    Task ReadStateAsync(CancellationToken cancellationToken = default);

    /// <summary>Writes the state; throws <see cref="InconsistentStateException"/> when the stored ETag moved on since this activation read it.</summary>
    Task WriteStateAsync(CancellationToken cancellationToken = default);

    Task ClearStateAsync(CancellationToken cancellationToken = default);
}

/// <summary>Marks a grain constructor parameter of type <see cref="IPersistentState{TState}"/> for injection.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class PersistentStateAttribute(string stateName, string? storageName = null) : Attribute
{
    public string StateName { get; } = stateName;
    public string? StorageName { get; } = storageName;
}

/// <summary>Creates the state objects the activator injects; registered by the storage providers.</summary>
public interface IPersistentStateFactory
{
    /// <summary>Returns an unloaded state for one grain; the activator calls ReadStateAsync before activation.</summary>
    IPersistentState<TState> Create<TState>(GrainId grainId, string stateName, string? storageName) where TState : new();
}

/// <summary>Thrown when a write carries a stale ETag: another activation or writer changed the record first.</summary>
public sealed class InconsistentStateException(string message, string? storedEtag, string? currentEtag)
    : Exception(message)
{
    public string? StoredEtag { get; } = storedEtag;
    public string? CurrentEtag { get; } = currentEtag;
}
