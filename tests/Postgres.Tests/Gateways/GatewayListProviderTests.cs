using Orleans.Configuration;
using Platform.Postgres.Tests.Membership;

namespace Platform.Postgres.Tests.Gateways;

[Collection(PostgresCollection.Name)]
public sealed class GatewayListProviderTests(PostgresFixture postgres)
{
    [Fact]
    public async Task GetGateways_returns_exactly_the_gateway_uris_of_the_clusters_active_silos_with_a_proxy_port()
    {
        var clusterId = MembershipEntries.NewClusterId();
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString, clusterId);
        using var otherCluster = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var active = MembershipEntries.New(SiloStatus.Active, proxyPort: 30001);
        var alsoActive = MembershipEntries.New(SiloStatus.Active, proxyPort: 30002);
        var noProxy = MembershipEntries.New(SiloStatus.Active, proxyPort: 0);
        var joining = MembershipEntries.New(SiloStatus.Joining);
        var dead = MembershipEntries.New(SiloStatus.Dead);
        await MembershipEntries.InsertAllAsync(table, active, alsoActive, noProxy, joining, dead);
        await MembershipEntries.InsertAllAsync(otherCluster, MembershipEntries.New(SiloStatus.Active));
        using var provider = GatewayProviders.New(postgres.ConnectionString, clusterId);
        await provider.InitializeGatewayListProviderAsync();

        var gateways = await provider.GetGatewaysAsync();

        var expected = new[] { active, alsoActive }
            .Select(e => SiloAddress.New(e.SiloAddress.Endpoint.Address, e.ProxyPort, e.SiloAddress.Generation).ToGatewayUri().ToString());
        Assert.Equal(expected.Order(), gateways.Select(g => g.ToString()).Order());
    }

    [Fact]
    public void The_list_is_updatable_and_goes_stale_after_the_clients_refresh_period()
    {
        var period = TimeSpan.FromSeconds(17);

        using var provider = GatewayProviders.New(
            postgres.ConnectionString, MembershipEntries.NewClusterId(), new GatewayOptions { GatewayListRefreshPeriod = period });

        Assert.True(provider.IsUpdatable);
        Assert.Equal(period, provider.MaxStaleness);
    }
}
