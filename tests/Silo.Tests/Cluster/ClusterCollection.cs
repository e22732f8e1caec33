namespace Platform.Silo.Tests.Cluster;

/// <summary>Cluster tests share one PostgreSQL and run one after another: each starts several real processes on a 2-core machine.</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "Cluster";
}
