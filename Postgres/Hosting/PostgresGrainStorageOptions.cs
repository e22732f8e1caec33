using Orleans.Storage;

namespace Platform.Postgres.Hosting;

/// <summary>Settings of one named PostgreSQL grain storage provider.</summary>
public sealed class PostgresGrainStorageOptions : IStorageProviderSerializerOptions
{
    /// <summary>An Npgsql connection string; the database needs no preparation, the table is created on first use.</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Turns state into the stored bytes; when unset, the silo's default grain storage serializer.</summary>
    public IGrainStorageSerializer GrainStorageSerializer { get; set; } = null!;

    /// <summary>The silo lifecycle stage at which the provider creates its table.</summary>
    public int InitStage { get; set; } = ServiceLifecycleStage.ApplicationServices;
}
