using Orleans.Runtime;

namespace Platform.Postgres.Tests.Membership;

[Collection(PostgresCollection.Name)]
public sealed class MembershipInsertTests(PostgresFixture postgres)
{
    [Fact]
    public async Task A_fresh_cluster_reads_as_an_empty_table_at_version_zero()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);

        var data = await table.ReadAllAsync();

        Assert.Empty(data.Members);
        Assert.Equal(0, data.Version.Version);
        Assert.NotNull(data.Version.VersionEtag);
    }

    [Fact]
    public async Task Insert_adds_the_row_and_moves_the_table_version_on_with_a_new_etag()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var before = (await table.ReadAllAsync()).Version;
        var entry = MembershipEntries.New();

        Assert.True(await table.InsertRowAsync(entry, before.Next()));

        var (stored, etag, version) = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        MembershipEntries.AssertSame(entry, stored);
        Assert.NotNull(etag);
        Assert.Equal(1, version.Version);
        Assert.NotEqual(before.VersionEtag, version.VersionEtag);
    }

    [Fact]
    public async Task An_inserted_entry_reads_back_field_for_field_including_suspect_votes()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var entry = MembershipEntries.New(SiloStatus.ShuttingDown, proxyPort: 0);
        entry.RoleName = "role";
        entry.UpdateZone = 3;
        entry.FaultZone = 7;
        entry.AddSuspector(MembershipEntries.New().SiloAddress, MembershipEntries.Now());
        entry.AddSuspector(MembershipEntries.New().SiloAddress, MembershipEntries.Now().AddSeconds(1));
        var empty = MembershipEntries.New();
        empty.SuspectTimes = [];

        await MembershipEntries.InsertAllAsync(table, entry, empty);

        MembershipEntries.AssertSame(entry, (await MembershipEntries.ReadAsync(table, entry.SiloAddress)).Entry);
        MembershipEntries.AssertSame(empty, (await MembershipEntries.ReadAsync(table, empty.SiloAddress)).Entry);
    }

    [Fact]
    public async Task Of_20_concurrent_inserts_of_the_same_silo_exactly_one_succeeds()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var next = (await table.ReadAllAsync()).Version.Next();
        var entry = MembershipEntries.New();

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => table.InsertRowAsync(entry, next))));

        Assert.Single(results, inserted => inserted);
        var data = await table.ReadAllAsync();
        Assert.Single(data.Members);
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Insert_with_a_stale_table_version_returns_false_and_adds_nothing()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var stale = (await table.ReadAllAsync()).Version;
        await MembershipEntries.InsertAllAsync(table, MembershipEntries.New());
        var late = MembershipEntries.New();

        Assert.False(await table.InsertRowAsync(late, stale.Next()));

        var data = await table.ReadAllAsync();
        Assert.Null(data.TryGet(late.SiloAddress));
        Assert.Equal(1, data.Version.Version);
    }

    [Fact]
    public async Task Insert_of_a_silo_already_there_returns_false_and_leaves_the_table_version_alone()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var entry = MembershipEntries.New();
        await MembershipEntries.InsertAllAsync(table, entry);
        var current = (await table.ReadAllAsync()).Version;

        Assert.False(await table.InsertRowAsync(entry, current.Next()));

        Assert.Equal(current, (await table.ReadAllAsync()).Version);
    }
}
