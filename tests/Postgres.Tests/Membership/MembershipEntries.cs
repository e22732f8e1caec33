using System.Net;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Platform.Postgres.Hosting;
using Platform.Postgres.Membership;

namespace Platform.Postgres.Tests.Membership;

/// <summary>Membership tables of fresh cluster ids and silo entries that no other test uses.</summary>
internal static class MembershipEntries
{
    private static int generation;

    public static string NewClusterId() => $"cluster-{Guid.NewGuid():N}";

    public static async Task<PostgresMembershipTable> NewTableAsync(string connectionString, string? clusterId = null)
    {
        var table = Table(connectionString, clusterId ?? NewClusterId());
        await table.InitializeMembershipTableAsync(tryInitTableVersion: true);
        return table;
    }

    public static PostgresMembershipTable Table(string connectionString, string clusterId) =>
        new(Options.Create(new PostgresClusteringOptions { ConnectionString = connectionString }),
            Options.Create(new ClusterOptions { ClusterId = clusterId }));

    public static MembershipEntry New(SiloStatus status = SiloStatus.Joining, TimeSpan? age = null, int proxyPort = 30000)
    {
        var silo = SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11111), Interlocked.Increment(ref generation));
        var time = Now() - (age ?? TimeSpan.Zero);
        return new MembershipEntry
        {
            SiloAddress = silo,
            SiloName = $"silo-{silo.Generation}",
            HostName = "test-host",
            Status = status,
            ProxyPort = proxyPort,
            StartTime = time,
            IAmAliveTime = time,
        };
    }

    /// <summary>Now, at the microsecond resolution PostgreSQL keeps, so times compare exactly after a round trip.</summary>
    public static DateTime Now()
    {
        var now = DateTime.UtcNow;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>Inserts the entries one after another, each at the next table version.</summary>
    public static async Task InsertAllAsync(PostgresMembershipTable table, params MembershipEntry[] entries)
    {
        foreach (var entry in entries)
        {
            var version = (await table.ReadAllAsync()).Version;
            Assert.True(await table.InsertRowAsync(entry, version.Next()), $"inserting {entry}");
        }
    }

    public static async Task<(MembershipEntry Entry, string Etag, TableVersion Version)> ReadAsync(PostgresMembershipTable table, SiloAddress silo)
    {
        var data = await table.ReadRowAsync(silo);
        var (entry, etag) = Assert.Single(data.Members);
        return (entry, etag, data.Version);
    }

    /// <summary>Fails unless the two entries agree in every field, times to the microsecond.</summary>
    public static void AssertSame(MembershipEntry expected, MembershipEntry actual)
    {
        Assert.Equal(expected.ToFullString(), actual.ToFullString());
        Assert.Equal(expected.StartTime, actual.StartTime);
        Assert.Equal(expected.IAmAliveTime, actual.IAmAliveTime);
        Assert.Equal(expected.SuspectTimes, actual.SuspectTimes);
    }
}
