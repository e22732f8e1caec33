using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Runtime;
using Orleans.Serialization.Serializers;
using Orleans.Storage;
using Platform.Postgres.GrainState;
using Platform.Postgres.Hosting;
using Platform.Postgres.Tests.Hosting;

namespace Platform.Postgres.Tests.GrainState;

/// <summary>Grain storage providers of fresh service ids, with the serializer and activators a silo gives them by default.</summary>
internal static class GrainStorages
{
    // Built, never started: only its services are wanted, so the storage sees exactly what a silo would hand it.
    private static readonly Lazy<IHost> Silo = new(() => TestHosts.Silo(silo => silo.UseLocalhostClustering()));

    public static IServiceProvider SiloServices => Silo.Value.Services;

    /// <summary>A storage of <paramref name="serviceId"/> (else a fresh one) that uses <paramref name="serializer"/> (else the silo's).</summary>
    public static PostgresGrainStorage New(string connectionString, string? serviceId = null, IGrainStorageSerializer? serializer = null) =>
        new("test-storage",
            new PostgresGrainStorageOptions { ConnectionString = connectionString, GrainStorageSerializer = serializer! },
            SiloServices.GetRequiredService<IGrainStorageSerializer>(),
            Options.Create(new ClusterOptions { ServiceId = serviceId ?? $"service-{Guid.NewGuid():N}" }),
            SiloServices.GetRequiredService<IActivatorProvider>());

    public static GrainId NewGrainId() => GrainId.Create("test-grain", Guid.NewGuid().ToString("N"));

    /// <summary>Reads a state into a fresh holder, as an activating grain does.</summary>
    public static async Task<(T State, string? ETag, bool RecordExists)> ReadAsync<T>(IGrainStorage storage, string stateName, GrainId grain)
    {
        var holder = new GrainState<T>();
        await storage.ReadStateAsync(stateName, grain, holder);
        Assert.NotNull(holder.State);
        return (holder.State, holder.ETag, holder.RecordExists);
    }
}
