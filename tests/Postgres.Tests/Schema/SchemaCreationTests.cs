using Platform.Postgres.Tests.Gateways;
using Platform.Postgres.Tests.GrainState;
using Platform.Postgres.Tests.Membership;

namespace Platform.Postgres.Tests.Schema;

[Collection(PostgresCollection.Name)]
public sealed class SchemaCreationTests(PostgresFixture postgres)
{
    private static readonly string[] Tables = ["platform_audit_log", "platform_grain_state", "platform_membership", "platform_membership_version"];

    [Fact]
    public async Task Providers_initialising_at_once_against_an_empty_database_all_succeed_and_create_every_table()
    {
        await using var database = await EmptyDatabase.CreateAsync(postgres.ConnectionString);
        var clusterId = MembershipEntries.NewClusterId();
        var tables = Enumerable.Range(0, 4).Select(_ => MembershipEntries.Table(database.ConnectionString, clusterId)).ToList();
        var storages = Enumerable.Range(0, 4).Select(_ => GrainStorages.New(database.ConnectionString)).ToList();
        var gateways = Enumerable.Range(0, 4).Select(_ => GatewayProviders.New(database.ConnectionString, clusterId)).ToList();
        try
        {
            // Each provider has its own data source, so each creates the schema in its own session, as separate silos do.
            await Task.WhenAll(
                tables.Select(t => Task.Run(() => t.InitializeMembershipTableAsync(tryInitTableVersion: true)))
                    .Concat(storages.Select(s => Task.Run(() => s.ReadStateAsync("counter", GrainStorages.NewGrainId(), new GrainState<Counter>()))))
                    .Concat(gateways.Select(g => Task.Run(() => g.InitializeGatewayListProviderAsync()))));

            Assert.Equal(Tables, await database.PlatformTablesAsync());
            Assert.Equal(0, (await tables[0].ReadAllAsync()).Version.Version);
        }
        finally
        {
            tables.ForEach(t => t.Dispose());
            storages.ForEach(s => s.Dispose());
            gateways.ForEach(g => g.Dispose());
        }
    }

    [Fact]
    public async Task Creating_the_schema_again_changes_nothing_and_keeps_the_data()
    {
        await using var database = await EmptyDatabase.CreateAsync(postgres.ConnectionString);
        var clusterId = MembershipEntries.NewClusterId();
        var entry = MembershipEntries.New();
        using (var first = await MembershipEntries.NewTableAsync(database.ConnectionString, clusterId))
            await MembershipEntries.InsertAllAsync(first, entry);

        using var second = await MembershipEntries.NewTableAsync(database.ConnectionString, clusterId);

        Assert.Equal(Tables, await database.PlatformTablesAsync());
        var data = await second.ReadAllAsync();
        MembershipEntries.AssertSame(entry, Assert.Single(data.Members).Item1);
        Assert.Equal(1, data.Version.Version);
    }
}
