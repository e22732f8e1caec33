using Platform.Engine.Cache;

namespace Platform.Engine.Tests.Cache;

public class KvBlockManagerTests
{
    private static readonly int[] Prompt = Enumerable.Range(100, 40).ToArray();

    [Fact]
    public void SecondSequenceReusesTheFullComputedBlocksOfTheFirst()
    {
        var manager = new KvBlockManager(16, 4, enablePrefixCaching: true, "m");
        var first = manager.CreateTable();
        Assert.True(manager.TryAllocate(first, Prompt.Length));
        manager.CacheComputedBlocks(Prompt, first, Prompt.Length);
        manager.Free(first);

        var second = manager.CreateTable();
        var hit = manager.MatchPrefix(Prompt.AsSpan(0, 30), second);
        Assert.Equal(28, hit);
        Assert.Equal(7, second.Count);
    }

    [Fact]
    public void TheBlockHoldingTheLastPromptTokenIsNeverReused()
    {
        var manager = new KvBlockManager(16, 4, enablePrefixCaching: true, "m");
        var first = manager.CreateTable();
        manager.TryAllocate(first, 8);
        manager.CacheComputedBlocks(Prompt.AsSpan(0, 8), first, 8);

        var second = manager.CreateTable();
        Assert.Equal(4, manager.MatchPrefix(Prompt.AsSpan(0, 8), second));
    }

    [Fact]
    public void MatchingStopsAtTheFirstDifferingBlock()
    {
        var manager = new KvBlockManager(16, 4, enablePrefixCaching: true, "m");
        var first = manager.CreateTable();
        manager.TryAllocate(first, 12);
        manager.CacheComputedBlocks(Prompt.AsSpan(0, 12), first, 12);

        var other = (int[])Prompt.Clone();
        other[5] = 1;
        var second = manager.CreateTable();
        Assert.Equal(4, manager.MatchPrefix(other.AsSpan(0, 13), second));
    }

    [Fact]
    public void BlocksWithUncomputedTokensAreNotCached()
    {
        var manager = new KvBlockManager(16, 4, enablePrefixCaching: true, "m");
        var first = manager.CreateTable();
        manager.TryAllocate(first, 12);
        manager.CacheComputedBlocks(Prompt.AsSpan(0, 12), first, 7);
        Assert.Equal(1, manager.Pool.Cache!.Count);
    }

    [Fact]
    public void DisabledCachingMatchesNothing()
    {
        var manager = new KvBlockManager(16, 4, enablePrefixCaching: false, "m");
        var first = manager.CreateTable();
        manager.TryAllocate(first, 12);
        manager.CacheComputedBlocks(Prompt.AsSpan(0, 12), first, 12);
        manager.Free(first);
        Assert.Equal(0, manager.MatchPrefix(Prompt.AsSpan(0, 13), manager.CreateTable()));
        Assert.Equal(16, manager.Pool.FreeBlocks);
    }

    [Fact]
    public void AllocationThatDoesNotFitTakesNothing()
    {
        var manager = new KvBlockManager(3, 4, enablePrefixCaching: true, "m");
        var table = manager.CreateTable();
        Assert.False(manager.TryAllocate(table, 13));
        Assert.Equal(0, table.Count);
        Assert.Equal(3, manager.Pool.FreeBlocks);
        Assert.True(manager.TryAllocate(table, 12));
    }

    [Fact]
    public void FreeingReleasesTheTailFirstSoItIsEvictedBeforeTheHead()
    {
        var manager = new KvBlockManager(3, 1, enablePrefixCaching: true, "m");
        var table = manager.CreateTable();
        manager.TryAllocate(table, 3);
        manager.CacheComputedBlocks([1, 2, 3], table, 3);
        var ids = table.Span.ToArray();
        manager.Free(table);
        Assert.Equal(ids[2], manager.Pool.Allocate());
        Assert.Equal(ids[1], manager.Pool.Allocate());
    }
}
