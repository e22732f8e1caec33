using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Storage;

namespace Platform.Grains.Tests.Support;

/// <summary>
/// Grain state held by the test process and shared by every silo of a cluster, as a database is: it outlives any
/// silo's stop (Orleans' memory storage keeps state in grains, which die with their silo). Each silo serializes with
/// its own default grain storage serializer, as the product's storage does.
/// </summary>
internal sealed class SharedGrainStorage
{
    private readonly ConcurrentDictionary<(string State, GrainId Grain), (BinaryData Data, string ETag)> _records = new();

    public IGrainStorage For(IServiceProvider silo) => new SiloView(this, silo.GetRequiredService<IGrainStorageSerializer>());

    private sealed class SiloView(SharedGrainStorage shared, IGrainStorageSerializer serializer) : IGrainStorage
    {
        public Task ReadStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            if (shared._records.TryGetValue((stateName, grainId), out var record))
            {
                grainState.State = serializer.Deserialize<T>(record.Data);
                (grainState.ETag, grainState.RecordExists) = (record.ETag, true);
            }
            else
            {
                grainState.State = Activator.CreateInstance<T>();
                (grainState.ETag, grainState.RecordExists) = (null, false);
            }
            return Task.CompletedTask;
        }

        public Task WriteStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            var etag = Guid.NewGuid().ToString("N");
            var record = (serializer.Serialize(grainState.State), etag);
            var key = (stateName, grainId);
            var written = grainState.ETag is { } expected && shared._records.TryGetValue(key, out var current)
                ? current.ETag == expected && shared._records.TryUpdate(key, record, current)
                : shared._records.TryAdd(key, record);
            if (!written)
                throw new InconsistentStateException($"{stateName} of {grainId} was written by another activation.");
            (grainState.ETag, grainState.RecordExists) = (etag, true);
            return Task.CompletedTask;
        }

        public Task ClearStateAsync<T>(string stateName, GrainId grainId, IGrainState<T> grainState)
        {
            shared._records.TryRemove((stateName, grainId), out _);
            (grainState.ETag, grainState.RecordExists) = (null, false);
            grainState.State = Activator.CreateInstance<T>();
            return Task.CompletedTask;
        }
    }
}
