using Orleans.Runtime;

namespace Platform.Postgres.Tests.Membership;

[Collection(PostgresCollection.Name)]
public sealed class MembershipUpdateTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Update_with_the_current_row_etag_and_table_version_replaces_the_entry_and_changes_its_etag()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var entry = MembershipEntries.New();
        await MembershipEntries.InsertAllAsync(table, entry);
        var (_, etag, version) = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        entry.Status = SiloStatus.Active;
        entry.AddSuspector(MembershipEntries.New().SiloAddress, MembershipEntries.Now());

        Assert.True(await table.UpdateRowAsync(entry, etag, version.Next()));

        var (stored, newEtag, newVersion) = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        MembershipEntries.AssertSame(entry, stored);
        Assert.NotEqual(etag, newEtag);
        Assert.Equal(version.Version + 1, newVersion.Version);
    }

    [Fact]
    public async Task Update_with_a_stale_row_etag_returns_false_and_changes_neither_row_nor_table_version()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var entry = MembershipEntries.New();
        await MembershipEntries.InsertAllAsync(table, entry);
        var (_, staleEtag, version) = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        entry.Status = SiloStatus.Active;
        Assert.True(await table.UpdateRowAsync(entry, staleEtag, version.Next()));
        var before = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        entry.Status = SiloStatus.Dead;

        // The table version is current, so only the row's ETag can make this fail.
        Assert.False(await table.UpdateRowAsync(entry, staleEtag, before.Version.Next()));

        var after = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        Assert.Equal(SiloStatus.Active, after.Entry.Status);
        Assert.Equal(before.Etag, after.Etag);
        Assert.Equal(before.Version, after.Version);
    }

    [Fact]
    public async Task Update_with_a_stale_table_version_returns_false_and_changes_neither_row_nor_table_version()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var entry = MembershipEntries.New();
        await MembershipEntries.InsertAllAsync(table, entry);
        var (_, etag, staleVersion) = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        await MembershipEntries.InsertAllAsync(table, MembershipEntries.New());
        var current = (await table.ReadAllAsync()).Version;
        entry.Status = SiloStatus.Active;

        // The row's ETag is current, so only the table version can make this fail.
        Assert.False(await table.UpdateRowAsync(entry, etag, staleVersion.Next()));

        var after = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        Assert.Equal(SiloStatus.Joining, after.Entry.Status);
        Assert.Equal(etag, after.Etag);
        Assert.Equal(current, after.Version);
    }

    [Fact]
    public async Task Update_of_a_silo_not_in_the_table_returns_false()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var version = (await table.ReadAllAsync()).Version;

        Assert.False(await table.UpdateRowAsync(MembershipEntries.New(), "0", version.Next()));

        Assert.Equal(version, (await table.ReadAllAsync()).Version);
    }

    [Fact]
    public async Task UpdateIAmAlive_changes_only_the_IAmAlive_time_and_ReadRow_and_ReadAll_see_it()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var entry = MembershipEntries.New(SiloStatus.Active, age: TimeSpan.FromMinutes(5));
        await MembershipEntries.InsertAllAsync(table, entry);
        var before = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        var alive = MembershipEntries.Now();

        // Orleans sends only the address and the new time.
        await table.UpdateIAmAliveAsync(new MembershipEntry { SiloAddress = entry.SiloAddress, IAmAliveTime = alive });

        entry.IAmAliveTime = alive;
        var row = await MembershipEntries.ReadAsync(table, entry.SiloAddress);
        MembershipEntries.AssertSame(entry, row.Entry);
        Assert.Equal(before.Etag, row.Etag);
        Assert.Equal(before.Version, row.Version);
        var all = await table.ReadAllAsync();
        MembershipEntries.AssertSame(entry, all.TryGet(entry.SiloAddress)!.Item1);
        Assert.Equal(before.Version, all.Version);
    }
}
