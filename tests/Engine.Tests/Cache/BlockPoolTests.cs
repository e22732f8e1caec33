using Platform.Engine.Cache;

namespace Platform.Engine.Tests.Cache;

public class BlockPoolTests
{
    [Fact]
    public void AllocatingAndReleasingTracksUsedAndFreeCounts()
    {
        var pool = new BlockPool(4, cache: null);
        var a = pool.Allocate();
        var b = pool.Allocate();
        Assert.NotEqual(a, b);
        Assert.Equal(new BlockPoolUsage(4, 2, 2, 0), pool.Usage);
        pool.Release(a);
        Assert.Equal(1, pool.UsedBlocks);
        pool.Release(b);
        Assert.Equal(4, pool.FreeBlocks);
    }

    [Fact]
    public void SharedBlockStaysInUseUntilItsLastReferenceIsReleased()
    {
        var cache = new PrefixCache(2, 2, "m");
        var pool = new BlockPool(2, cache);
        var block = pool.Allocate();
        cache.Register(block, cache.KeyOf(cache.RootKey, [1, 2]), [1, 2], -1, 0);
        pool.Retain(block);
        pool.Release(block);
        Assert.Equal(1, pool.RefCount(block));
        Assert.Equal(1, pool.UsedBlocks);
        pool.Release(block);
        Assert.Equal(0, pool.UsedBlocks);
        Assert.Equal(1, pool.CachedFreeBlocks);
    }

    [Fact]
    public void ExhaustedPoolThrowsAClearError()
    {
        var pool = new BlockPool(1, cache: null);
        pool.Allocate();
        var error = Assert.Throws<InvalidOperationException>(() => pool.Allocate());
        Assert.Contains("exhausted", error.Message);
    }

    [Fact]
    public void ReleasingAFreeBlockIsRejected()
    {
        var pool = new BlockPool(2, cache: null);
        var block = pool.Allocate();
        pool.Release(block);
        Assert.Throws<InvalidOperationException>(() => pool.Release(block));
    }

    [Fact]
    public void CachedFreeBlocksAreEvictedLeastRecentlyFreedFirstAndOnlyWhenNeeded()
    {
        var cache = new PrefixCache(4, 1, "m");
        var pool = new BlockPool(4, cache);
        var blocks = new int[3];
        for (var i = 0; i < 3; i++)
        {
            blocks[i] = pool.Allocate();
            cache.Register(blocks[i], cache.KeyOf(cache.RootKey, [i]), [i], -1, 0);
        }
        pool.Release(blocks[1]);
        pool.Release(blocks[0]);
        pool.Release(blocks[2]);

        var fresh = pool.Allocate(); // the never-used block goes first: nothing evicted yet
        Assert.DoesNotContain(fresh, blocks);
        Assert.Equal(3, cache.Count);

        Assert.Equal(blocks[1], pool.Allocate());
        Assert.False(cache.IsCached(blocks[1]));
        Assert.Equal(blocks[0], pool.Allocate());
        Assert.Equal(blocks[2], pool.Allocate());
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void RetainingACachedFreeBlockProtectsItFromEviction()
    {
        var cache = new PrefixCache(2, 1, "m");
        var pool = new BlockPool(2, cache);
        var a = pool.Allocate();
        var b = pool.Allocate();
        cache.Register(a, cache.KeyOf(cache.RootKey, [7]), [7], -1, 0);
        cache.Register(b, cache.KeyOf(cache.RootKey, [8]), [8], -1, 0);
        pool.Release(a);
        pool.Release(b);
        pool.Retain(a); // a prefix hit on the older block
        Assert.Equal(b, pool.Allocate());
        Assert.True(cache.IsCached(a));
    }
}
