using Microsoft.Extensions.DependencyInjection;

namespace Platform.Runtime.Storage;

/// <summary>Binds grain states to the storage provider registered under the requested name (or <see cref="GrainStorageNames.Default"/>).</summary>
public sealed class PersistentStateFactory(IServiceProvider services, GrainStateSerializer serializer) : IPersistentStateFactory
{
    public IPersistentState<TState> Create<TState>(GrainId grainId, string stateName, string? storageName) where TState : new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(stateName);
        if (string.IsNullOrEmpty(grainId.Type) || grainId.Key is null)
            throw new ArgumentException($"Grain id '{grainId}' needs a type and a key to store state.", nameof(grainId));
        var name = storageName ?? GrainStorageNames.Default;
        var storage = services.GetKeyedService<IGrainStorage>(name)
            ?? throw new InvalidOperationException(
                $"State '{stateName}' of grain '{grainId}' asks for grain storage '{name}', but none is registered under that name; " +
                $"add one with AddMemoryGrainStorage(\"{name}\") or AddPostgresGrainStorage(\"{name}\", connectionString).");
        return new PersistentState<TState>(grainId, stateName, storage, serializer);
    }
}
