using Platform.Engine.Cache;

namespace Platform.Engine.Tests.Cache;

public class PrefixCacheTests
{
    [Fact]
    public void CollidingKeysNeverReturnABlockWithOtherTokens()
    {
        var cache = new PrefixCache(4, 2, "m", (_, _) => 42UL);
        var key = cache.KeyOf(cache.RootKey, [1, 2]);
        Assert.Equal(0, cache.Register(0, key, [1, 2], -1, 0));
        Assert.Equal(-1, cache.Find(key, [3, 4], -1, 0));
        Assert.Equal(-1, cache.Register(1, key, [3, 4], -1, 0));
        Assert.False(cache.IsCached(1));
        Assert.Equal(0, cache.Find(key, [1, 2], -1, 0));
    }

    [Fact]
    public void SameTokensAfterADifferentParentDoNotMatch()
    {
        var cache = new PrefixCache(4, 2, "m", (_, _) => 42UL);
        cache.Register(1, 42UL, [5, 6], parentBlock: 0, parentGeneration: 0);
        Assert.Equal(-1, cache.Find(42UL, [5, 6], parentBlock: 2, parentGeneration: 0));
    }

    [Fact]
    public void ChildOfAnEvictedParentNoLongerMatchesEvenIfTheParentIdIsReused()
    {
        var cache = new PrefixCache(4, 1, "m");
        var parentKey = cache.KeyOf(cache.RootKey, [1]);
        cache.Register(0, parentKey, [1], -1, 0);
        var childKey = cache.KeyOf(parentKey, [2]);
        cache.Register(1, childKey, [2], 0, cache.Generation(0));
        cache.Evict(0);
        cache.Register(0, cache.KeyOf(cache.RootKey, [9]), [9], -1, 0);
        Assert.Equal(-1, cache.Find(childKey, [2], 0, cache.Generation(0)));
    }

    [Fact]
    public void KeysDependOnModelParentAndTokens()
    {
        var a = new PrefixCache(1, 2, "model-a");
        var b = new PrefixCache(1, 2, "model-b");
        Assert.NotEqual(a.RootKey, b.RootKey);
        Assert.NotEqual(a.KeyOf(a.RootKey, [1, 2]), a.KeyOf(a.RootKey, [2, 1]));
        Assert.NotEqual(a.KeyOf(a.RootKey, [1, 2]), a.KeyOf(b.RootKey, [1, 2]));
        Assert.Equal(a.KeyOf(a.RootKey, [1, 2]), new PrefixCache(1, 2, "model-a").KeyOf(a.RootKey, [1, 2]));
    }

    [Fact]
    public void OnlyFullBlocksCanBeRegistered()
    {
        var cache = new PrefixCache(1, 4, "m");
        Assert.Throws<ArgumentException>(() => cache.Register(0, 1UL, [1, 2], -1, 0));
    }
}
