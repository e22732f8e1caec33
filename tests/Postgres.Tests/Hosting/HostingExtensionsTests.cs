using Microsoft.Extensions.DependencyInjection;
using Orleans;
using Orleans.Configuration;
using Orleans.Messaging;
using Orleans.Storage;
using Platform.Postgres.Gateways;
using Platform.Postgres.GrainState;
using Platform.Postgres.Hosting;
using Platform.Postgres.Membership;
using Platform.Postgres.Tests.GrainState;

namespace Platform.Postgres.Tests.Hosting;

[Collection(PostgresCollection.Name)]
public sealed class HostingExtensionsTests(PostgresFixture postgres)
{
    [Fact]
    public void A_silo_using_Postgres_clustering_keeps_membership_in_the_Postgres_table()
    {
        using var host = TestHosts.Silo(silo => silo.UsePostgresClustering(postgres.ConnectionString));

        Assert.IsType<PostgresMembershipTable>(host.Services.GetRequiredService<IMembershipTable>());
    }

    [Fact]
    public void A_client_using_Postgres_clustering_finds_gateways_in_the_Postgres_table()
    {
        using var host = TestHosts.Client(client => client.UsePostgresClustering(postgres.ConnectionString));

        Assert.IsType<PostgresGatewayListProvider>(host.Services.GetRequiredService<IGatewayListProvider>());
    }

    [Fact]
    public async Task Default_and_named_Postgres_storages_are_separate_lifecycle_participants_using_the_silos_serializer()
    {
        using var host = TestHosts.Silo(silo => silo
            .Configure<ClusterOptions>(o => o.ServiceId = $"service-{Guid.NewGuid():N}")
            .UsePostgresClustering(postgres.ConnectionString)
            .AddPostgresGrainStorageAsDefault(postgres.ConnectionString)
            .AddPostgresGrainStorage("named", postgres.ConnectionString));

        var fallback = Assert.IsType<PostgresGrainStorage>(host.Services.GetRequiredService<IGrainStorage>());
        var named = Assert.IsType<PostgresGrainStorage>(host.Services.GetRequiredKeyedService<IGrainStorage>("named"));
        Assert.NotSame(fallback, named);
        var participants = host.Services.GetServices<ILifecycleParticipant<ISiloLifecycle>>().ToList();
        Assert.Contains(fallback, participants);
        Assert.Contains(named, participants);
        var grain = GrainStorages.NewGrainId();
        await named.WriteStateAsync("counter", grain, new GrainState<Counter>(new Counter { Value = 7 }));
        Assert.Equal(7, (await GrainStorages.ReadAsync<Counter>(named, "counter", grain)).State.Value);
    }

    [Fact]
    public void A_blank_connection_string_is_refused_when_the_provider_is_added()
    {
        Assert.Throws<ArgumentException>(() => TestHosts.Silo(silo => silo.UsePostgresClustering(" ")));
        Assert.Throws<ArgumentException>(() => TestHosts.Silo(silo => silo.AddPostgresGrainStorage("named", "")));
    }
}
