namespace Platform.Runtime.Storage;

/// <summary>One grain's named state bound to a storage provider, tracking the ETag it last read or wrote.</summary>
public sealed class PersistentState<TState>(GrainId grainId, string stateName, IGrainStorage storage, GrainStateSerializer serializer)
    : IPersistentState<TState> where TState : new()
{
    public GrainId GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public TState State { get; set; } = new();
    public string? Etag { get; private set; }
    public bool RecordExists => Etag is not null;

    public async Task ReadStateAsync(CancellationToken cancellationToken = default)
    {
        var record = await storage.ReadAsync(GrainId, StateName, cancellationToken).ConfigureAwait(false);
        State = record is { } r ? serializer.Deserialize<TState>(r.Json, GrainId, StateName) : new TState();
        Etag = record?.Etag;
    }

    public async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        var json = serializer.Serialize(State);
        Etag = await storage.WriteAsync(GrainId, StateName, json, Etag, cancellationToken).ConfigureAwait(false);
    }

    public async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        await storage.ClearAsync(GrainId, StateName, Etag, cancellationToken).ConfigureAwait(false);
        State = new TState();
        Etag = null;
    }
}
