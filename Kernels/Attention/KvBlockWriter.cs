using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Attention;

/// <summary>
/// Stores one token's rotated key and value into a cache block in the layout <see cref="PagedAttentionJob"/> reads:
/// keys [kvHead][headDim][slot] (transposed), values [kvHead][slot][headDim], converted to the cache's element type.
/// Conversion runs in vectors; a key row, encoded contiguously first, is then spread over its slot's column.
/// </summary>
public static unsafe class KvBlockWriter
{
    /// <summary>Writes <paramref name="key"/> and <paramref name="value"/> ([kvHeads, headDim] floats each) into <paramref name="slot"/>.</summary>
    public static void Write(KvCacheDtype dtype, void* keyBlock, void* valueBlock, int slot, int blockSize, int kvHeads, int headDim,
        float* key, float* value, SimdLevel level = SimdLevel.Auto)
    {
        switch (dtype)
        {
            case KvCacheDtype.F16: Write<F16Elements>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value, level); break;
            case KvCacheDtype.BF16: Write<BF16Elements>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value, level); break;
            case KvCacheDtype.Fp8E4M3: Write<Fp8Elements<E4M3>>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value, level); break;
            case KvCacheDtype.Fp8E5M2: Write<Fp8Elements<E5M2>>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value, level); break;
            default: Write<F32Elements>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value, level); break;
        }
    }

    private static void Write<TE>(void* keyBlock, void* valueBlock, int slot, int blockSize, int kvHeads, int headDim,
        float* key, float* value, SimdLevel level) where TE : struct, IKvElements
    {
        switch (Simd.Resolve(level))
        {
            case SimdLevel.Vector512: Write<Lanes512, Vector512<float>, TE>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
            case SimdLevel.Vector256: Write<Lanes256, Vector256<float>, TE>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
            default: Write<LanesScalar, float, TE>(keyBlock, valueBlock, slot, blockSize, kvHeads, headDim, key, value); break;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Write<TL, TV, TE>(void* keyBlock, void* valueBlock, int slot, int blockSize, int kvHeads, int headDim, float* key, float* value)
        where TL : struct, IFloatLanes<TV> where TV : struct where TE : struct, IKvElements
    {
        var headBlock = (nint)blockSize * headDim;
        var row = stackalloc float[headDim];
        for (var h = 0; h < kvHeads; h++)
        {
            nint k = h * headBlock + slot, v = h * headBlock + (nint)slot * headDim;
            float* kh = key + (nint)h * headDim, vh = value + (nint)h * headDim;
            Encode<TL, TV, TE>(vh, (byte*)valueBlock + v * TE.Bytes, headDim);
            Encode<TL, TV, TE>(kh, row, headDim);
            switch (TE.Bytes)
            {
                case 1: for (var d = 0; d < headDim; d++) ((byte*)keyBlock)[k + d * blockSize] = ((byte*)row)[d]; break;
                case 2: for (var d = 0; d < headDim; d++) ((ushort*)keyBlock)[k + d * blockSize] = ((ushort*)row)[d]; break;
                default: for (var d = 0; d < headDim; d++) ((float*)keyBlock)[k + d * blockSize] = row[d]; break;
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Encode<TL, TV, TE>(float* source, void* target, int count)
        where TL : struct, IFloatLanes<TV> where TV : struct where TE : struct, IKvElements
    {
        var i = 0;
        for (; i + TL.Count <= count; i += TL.Count) TE.Store<TL, TV>(target, i, TL.Load(source + i));
        for (; i < count; i++) TE.Set(target, i, source[i]);
    }
}
