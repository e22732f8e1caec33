using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using Platform.Postgres.Hosting;
using Platform.Postgres.Tests.GrainState;
using Platform.Postgres.Tests.Membership;

namespace Platform.Postgres.Tests.Hosting;

[Collection(PostgresCollection.Name)]
public sealed class ClusterEndToEndTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_silo_joins_through_the_Postgres_table_a_client_finds_it_and_grain_state_lands_in_Postgres()
    {
        var clusterId = MembershipEntries.NewClusterId();
        var serviceId = $"service-{Guid.NewGuid():N}";
        var (siloPort, gatewayPort) = (LoopbackPorts.Free(), LoopbackPorts.Free());
        using var silo = TestHosts.Silo(silo => silo
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId))
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort)
            .UsePostgresClustering(postgres.ConnectionString)
            .AddPostgresGrainStorageAsDefault(postgres.ConnectionString));
        await silo.StartAsync();
        try
        {
            using var client = TestHosts.Client(client => client
                .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId))
                .UsePostgresClustering(postgres.ConnectionString));
            await client.StartAsync();

            var counter = client.Services.GetRequiredService<IClusterClient>().GetGrain<ICounterGrain>("counted");
            Assert.Equal(1, await counter.Increment());
            Assert.Equal(2, await counter.Increment());

            using var storage = GrainStorages.New(postgres.ConnectionString, serviceId);
            var stored = await GrainStorages.ReadAsync<Counter>(storage, "counter", counter.GetGrainId());
            Assert.Equal(2, stored.State.Value);
            using var table = MembershipEntries.Table(postgres.ConnectionString, clusterId);
            var member = Assert.Single((await table.ReadAllAsync()).Members).Item1;
            Assert.Equal(SiloStatus.Active, member.Status);
            Assert.Equal(gatewayPort, member.ProxyPort);
            await client.StopAsync();
        }
        finally
        {
            await silo.StopAsync();
        }
    }
}
