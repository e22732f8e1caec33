using Platform.Kernels.Attention;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Tests.Attention;

public unsafe class KvBlockWriterTests
{
    public static TheoryData<SimdLevel, KvCacheDtype, int> Cases()
    {
        var data = new TheoryData<SimdLevel, KvCacheDtype, int>();
        foreach (var level in TestLevels.All())
            foreach (var dtype in Enum.GetValues<KvCacheDtype>())
                foreach (var headDim in new[] { 64, 20, 7 })
                    data.Add(level, dtype, headDim);
        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void StoresEachElementConvertedAtItsTransposedKeyAndRowMajorValuePlace(SimdLevel level, KvCacheDtype dtype, int headDim)
    {
        const int blockSize = 16, kvHeads = 3, slot = 5;
        var random = new Random(headDim);
        var key = Enumerable.Range(0, kvHeads * headDim).Select(_ => (float)(random.NextDouble() * 200 - 100)).ToArray();
        var value = Enumerable.Range(0, kvHeads * headDim).Select(_ => (float)(random.NextDouble() * 6 - 3)).ToArray();
        var size = dtype.ElementSize();
        var keys = new byte[kvHeads * blockSize * headDim * size];
        var values = new byte[keys.Length];
        fixed (byte* k = keys, v = values)
        fixed (float* kt = key, vt = value)
            KvBlockWriter.Write(dtype, k, v, slot, blockSize, kvHeads, headDim, kt, vt, level);
        for (var h = 0; h < kvHeads; h++)
            for (var d = 0; d < headDim; d++)
            {
                Assert.Equal(Encoded(dtype, key[h * headDim + d]), Stored(keys, dtype, (h * headDim + d) * blockSize + slot));
                Assert.Equal(Encoded(dtype, value[h * headDim + d]), Stored(values, dtype, (h * blockSize + slot) * headDim + d));
            }
        // Nothing else in the blocks was touched.
        var written = key.Concat(value).Count(x => Encoded(dtype, x) != 0);
        Assert.Equal(written, keys.Concat(values).Chunk(size).Count(e => e.Any(b => b != 0)));
    }

    private static uint Encoded(KvCacheDtype dtype, float x) => dtype switch
    {
        KvCacheDtype.F32 => BitConverter.SingleToUInt32Bits(x),
        KvCacheDtype.F16 => NormalHalf.Encode(x),
        KvCacheDtype.Fp8E4M3 => Fp8<E4M3>.Encode(x),
        KvCacheDtype.Fp8E5M2 => Fp8<E5M2>.Encode(x),
        _ => HalfConversion.SingleToBFloat16(x),
    };

    private static uint Stored(byte[] cache, KvCacheDtype dtype, int element) => dtype.ElementSize() switch
    {
        4 => BitConverter.ToUInt32(cache, element * 4),
        2 => BitConverter.ToUInt16(cache, element * 2),
        _ => cache[element],
    };
}
