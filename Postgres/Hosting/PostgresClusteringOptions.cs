namespace Platform.Postgres.Hosting;

/// <summary>Where the PostgreSQL membership table and gateway list live.</summary>
public sealed class PostgresClusteringOptions
{
    /// <summary>An Npgsql connection string; the database needs no preparation, the tables are created on first use.</summary>
    public string ConnectionString { get; set; } = "";
}
