using Platform.Engine.Runner;
using Platform.Kernels.Attention;

namespace Platform.Engine.Tests.Runner;

/// <summary>How the element type sizes the block pool.</summary>
public class PagedKvCacheTests
{
    [Theory]
    [InlineData(KvCacheDtype.F16, 2)]
    [InlineData(KvCacheDtype.BF16, 2)]
    [InlineData(KvCacheDtype.Fp8E4M3, 4)]
    [InlineData(KvCacheDtype.Fp8E5M2, 4)]
    public void ANarrowerElementDividesTheBytesPerBlockAndMultipliesTheBlocksOfAMemoryBudget(KvCacheDtype dtype, int factor)
    {
        // 2 layers, 2 KV heads of 8, blocks of 16: 2·2·16·8 elements of keys and values per block.
        const long budget = 1 << 20;
        using var full = new PagedKvCache(2, 2, 8, new KvCacheOptions { MemoryBytes = budget, Dtype = KvCacheDtype.F32 });
        using var half = new PagedKvCache(2, 2, 8, new KvCacheOptions { MemoryBytes = budget, Dtype = dtype });

        Assert.Equal(2L * 2 * 2 * 16 * 8 * sizeof(float), full.BytesPerBlock);
        Assert.Equal(full.BytesPerBlock / factor, half.BytesPerBlock);
        Assert.Equal(factor * full.NumBlocks, half.NumBlocks);
    }

    [Fact]
    public void TheDefaultElementTypeIsF16()
    {
        using var cache = new PagedKvCache(1, 1, 8, new KvCacheOptions { NumBlocks = 1 });

        Assert.Equal(KvCacheDtype.F16, cache.Dtype);
    }

    [Fact]
    public void AnUndefinedElementTypeIsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => new PagedKvCache(1, 1, 8, new KvCacheOptions { NumBlocks = 1, Dtype = (KvCacheDtype)7 }));

        Assert.Contains("Dtype", error.Message);
    }
}
