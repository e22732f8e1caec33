namespace Platform.Silo.Hosting;

/// <summary>
/// How a process joins its cluster: with no <see cref="DatabaseUrl"/>, the embedded default (localhost clustering on
/// free ports, grain state in memory); with one, membership and grain state in that PostgreSQL.
/// </summary>
internal sealed record ClusterSettings
{
    /// <summary>postgres://user:pass@host:port/db, or null for the embedded single-process cluster.</summary>
    public string? DatabaseUrl { get; init; }

    public string ClusterId { get; init; } = "platform";

    public int SiloPort { get; init; } = 11111;

    public int GatewayPort { get; init; } = 30000;

    /// <summary>The address other silos and clients reach this silo at.</summary>
    public string AdvertiseAddress { get; init; } = "127.0.0.1";

    /// <summary>How long a stopping silo lets running generations finish before it unloads its engines.</summary>
    public TimeSpan DrainTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>`--kubernetes`: Orleans' Kubernetes hosting on (the silo is named after its pod and watches its peers' pods).</summary>
    public bool Kubernetes { get; init; }

    public bool IsEmbedded => DatabaseUrl is null;

    public string ConnectionString => PostgresUrl.ToConnectionString(DatabaseUrl ?? throw new InvalidOperationException("No --cluster database was given."));
}
