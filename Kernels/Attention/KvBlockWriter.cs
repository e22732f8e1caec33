using System.Runtime.CompilerServices;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Attention;

/// <summary>
/// Stores one token's rotated key and value into a cache block in the layout <see cref="PagedAttentionJob"/> reads:
/// keys [kvHead][headDim][slot] (transposed), values [kvHead][slot][headDim], converted to the cache's element type.
/// </summary>
public static unsafe class KvBlockWriter
{
    /// <summary>Writes <paramref name="key"/> and <paramref name="value"/> ([kvHeads, headDim] floats each) into <paramref name="slot"/>.</summary>
    public static void Write(KvCacheDtype dtype, void* keyBlock, void* valueBlock, int slot, int blockSize, int kvHeads, int headDim, float* key, float* value)
    {
        switch (dtype)
        {
            case KvCacheDtype.F16: Write<F16Elements>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
            case KvCacheDtype.BF16: Write<BF16Elements>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
            case KvCacheDtype.Fp8E4M3: Write<Fp8Elements<E4M3>>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
            case KvCacheDtype.Fp8E5M2: Write<Fp8Elements<E5M2>>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
            default: Write<F32Elements>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Write<TE>(void* keyBlock, void* valueBlock, int slot, int blockSize, int kvHeads, int headDim, float* key, float* value)
        where TE : struct, IKvElements
    {
        var headBlock = (nint)blockSize * headDim;
        for (var h = 0; h < kvHeads; h++)
        {
            nint k = h * headBlock + slot, v = h * headBlock + (nint)slot * headDim;
            float* kh = key + (nint)h * headDim, vh = value + (nint)h * headDim;
            for (var d = 0; d < headDim; d++)
            {
                TE.Set(keyBlock, k + d * blockSize, kh[d]);
                TE.Set(valueBlock, v + d, vh[d]);
            }
        }
    }
}
