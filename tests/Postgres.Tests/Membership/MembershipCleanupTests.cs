namespace Platform.Postgres.Tests.Membership;

[Collection(PostgresCollection.Name)]
public sealed class MembershipCleanupTests(PostgresFixture postgres)
{
    private static readonly TimeSpan Old = TimeSpan.FromDays(10);

    [Fact]
    public async Task CleanupDefunctSiloEntries_removes_only_silos_not_active_and_last_updated_before_the_date()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var oldDead = MembershipEntries.New(SiloStatus.Dead, Old);
        var oldJoining = MembershipEntries.New(SiloStatus.Joining, Old);
        var oldActive = MembershipEntries.New(SiloStatus.Active, Old);
        var recentDead = MembershipEntries.New(SiloStatus.Dead);
        // Declared dead (a suspect vote) just now, although it last said it was alive long ago.
        var recentlyDeclaredDead = MembershipEntries.New(SiloStatus.Dead, Old);
        recentlyDeclaredDead.AddSuspector(oldActive.SiloAddress, MembershipEntries.Now());
        await MembershipEntries.InsertAllAsync(table, oldDead, oldJoining, oldActive, recentDead, recentlyDeclaredDead);

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        var left = (await table.ReadAllAsync()).Members.Select(m => m.Item1.SiloAddress).ToHashSet();
        Assert.Equal([oldActive.SiloAddress, recentDead.SiloAddress, recentlyDeclaredDead.SiloAddress], left.Order());
    }

    [Fact]
    public async Task CleanupDefunctSiloEntries_leaves_other_clusters_alone()
    {
        using var table = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        using var other = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        var othersDead = MembershipEntries.New(SiloStatus.Dead, Old);
        await MembershipEntries.InsertAllAsync(other, othersDead);

        await table.CleanupDefunctSiloEntriesAsync(DateTimeOffset.UtcNow.AddDays(-1));

        Assert.NotNull((await other.ReadAllAsync()).TryGet(othersDead.SiloAddress));
    }

    [Fact]
    public async Task DeleteMembershipTableEntries_removes_that_clusters_rows_only()
    {
        var doomedCluster = MembershipEntries.NewClusterId();
        using var doomed = await MembershipEntries.NewTableAsync(postgres.ConnectionString, doomedCluster);
        using var kept = await MembershipEntries.NewTableAsync(postgres.ConnectionString);
        await MembershipEntries.InsertAllAsync(doomed, MembershipEntries.New(), MembershipEntries.New(SiloStatus.Active));
        var keptEntry = MembershipEntries.New(SiloStatus.Active);
        await MembershipEntries.InsertAllAsync(kept, keptEntry);
        var keptBefore = await kept.ReadAllAsync();

        // Any cluster's table may delete a cluster: the id is the argument, not the table's own.
        await kept.DeleteMembershipTableEntriesAsync(doomedCluster);

        var gone = await doomed.ReadAllAsync();
        Assert.Empty(gone.Members);
        Assert.Equal(0, gone.Version.Version);
        var keptAfter = await kept.ReadAllAsync();
        MembershipEntries.AssertSame(keptEntry, Assert.Single(keptAfter.Members).Item1);
        Assert.Equal(keptBefore.Version, keptAfter.Version);
    }
}
