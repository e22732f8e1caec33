using Npgsql;
using Platform.Postgres.Tests.GrainState;
using Platform.Postgres.Tests.Membership;

namespace Platform.Postgres.Tests.Failures;

[Collection(PostgresCollection.Name)]
public sealed class FailureTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_grain_state_write_throws_when_the_database_is_unreachable()
    {
        using var storage = GrainStorages.New(UnreachableServer());

        await Assert.ThrowsAnyAsync<NpgsqlException>(() =>
            storage.WriteStateAsync("counter", GrainStorages.NewGrainId(), new GrainState<Counter>(new Counter { Value = 1 })));
    }

    [Fact]
    public async Task A_membership_insert_throws_when_the_database_is_unreachable_rather_than_reporting_a_lost_race()
    {
        using var table = MembershipEntries.Table(UnreachableServer(), MembershipEntries.NewClusterId());

        await Assert.ThrowsAnyAsync<NpgsqlException>(() => table.InsertRowAsync(MembershipEntries.New(), new TableVersion(1, "0")));
    }

    [Fact]
    public async Task A_grain_state_write_the_database_rejects_throws_to_the_caller()
    {
        using var storage = GrainStorages.New(postgres.ConnectionString);

        // PostgreSQL text cannot hold U+0000, so the server refuses this state name.
        await Assert.ThrowsAnyAsync<PostgresException>(() =>
            storage.WriteStateAsync("bad\u0000name", GrainStorages.NewGrainId(), new GrainState<Counter>(new Counter())));
    }

    // Nothing listens on the port, so connecting is refused at once.
    private static string UnreachableServer() => $"Host=127.0.0.1;Port={LoopbackPorts.Free()};Username=postgres;Timeout=3";
}
