using Platform.Engine.Cache;

namespace Platform.Engine.Tests.Cache;

public class CacheSaltTests
{
    private static readonly int[] Prompt = Enumerable.Range(100, 40).ToArray();

    [Fact]
    public void ASaltedSequence_ReusesOnlyBlocksCachedUnderTheSameSalt()
    {
        var manager = new KvBlockManager(32, 4, enablePrefixCaching: true, "m");
        Cache(manager, "tenant-a");

        Assert.Equal(28, manager.MatchPrefix(Prompt.AsSpan(0, 30), manager.CreateTable("tenant-a")));
        Assert.Equal(0, manager.MatchPrefix(Prompt.AsSpan(0, 30), manager.CreateTable("tenant-b")));
        Assert.Equal(0, manager.MatchPrefix(Prompt.AsSpan(0, 30), manager.CreateTable()));
    }

    [Fact]
    public void AnUnsaltedSequence_DoesNotReuseSaltedBlocks_NorTheOtherWayRound()
    {
        var manager = new KvBlockManager(32, 4, enablePrefixCaching: true, "m");
        Cache(manager, salt: null);

        Assert.Equal(0, manager.MatchPrefix(Prompt.AsSpan(0, 30), manager.CreateTable("s")));
        Assert.Equal(28, manager.MatchPrefix(Prompt.AsSpan(0, 30), manager.CreateTable()));
    }

    [Fact]
    public void AFreedSaltedTable_KeepsItsSalt_SoAPreemptedSequenceRegistersUnderItAgain()
    {
        var manager = new KvBlockManager(32, 4, enablePrefixCaching: true, "m");
        var table = manager.CreateTable("tenant-a");
        manager.Free(table);
        Assert.True(manager.TryAllocate(table, Prompt.Length));
        manager.CacheComputedBlocks(Prompt, table, Prompt.Length);
        manager.Free(table);

        Assert.Equal(0, manager.MatchPrefix(Prompt.AsSpan(0, 30), manager.CreateTable()));
        Assert.Equal(28, manager.MatchPrefix(Prompt.AsSpan(0, 30), manager.CreateTable("tenant-a")));
    }

    [Fact]
    public void SaltedRoots_AreStable_AndDifferBySaltAndModel()
    {
        Assert.Equal(BlockHasher.RootKey("m", "a"), BlockHasher.RootKey("m", "a"));
        Assert.Equal(BlockHasher.RootKey("m"), BlockHasher.RootKey("m", null));
        Assert.NotEqual(BlockHasher.RootKey("m", "a"), BlockHasher.RootKey("m", "b"));
        Assert.NotEqual(BlockHasher.RootKey("m", "a"), BlockHasher.RootKey("n", "a"));
        Assert.NotEqual(BlockHasher.RootKey("m", "a"), BlockHasher.RootKey("m"));
        // The parts are length-prefixed: moving characters between model and salt gives another root.
        Assert.NotEqual(BlockHasher.RootKey("ab", "c"), BlockHasher.RootKey("a", "bc"));
    }

    private static void Cache(KvBlockManager manager, string? salt)
    {
        var table = manager.CreateTable(salt);
        Assert.True(manager.TryAllocate(table, Prompt.Length));
        manager.CacheComputedBlocks(Prompt, table, Prompt.Length);
        manager.Free(table);
    }
}
