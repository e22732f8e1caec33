using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>Quantises float activations like <see cref="ActivationQuantizer"/> into the interleaved layout of <see cref="PackedActivations"/>.</summary>
public static unsafe class ActivationPacker
{
    /// <summary>Quantises <paramref name="tokens"/> rows of <paramref name="columns"/> floats (row stride <paramref name="ldx"/>); padding tokens are zeros.</summary>
    public static void Quantize(float* x, int ldx, int tokens, int columns, PackedActivations output, SimdLevel level = SimdLevel.Auto) =>
        Quantize(x, ldx, tokens, columns, output, 0, output.Groups, level);

    /// <summary>As the whole-batch overload for token groups [<paramref name="firstGroup"/>, <paramref name="endGroup"/>) only, so workers can share a batch.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static void Quantize(float* x, int ldx, int tokens, int columns, PackedActivations output, int firstGroup, int endGroup, SimdLevel level = SimdLevel.Auto)
    {
        if (columns % 32 != 0)
            throw new ArgumentException($"8-bit activation blocks need a multiple of 32 columns; got {columns}.", nameof(columns));
        level = Simd.Resolve(level);
        const int group = PackedActivations.GroupTokens;
        var q = stackalloc sbyte[group * 32];
        for (var g = firstGroup; g < endGroup; g++)
            for (var b = 0; b < columns / 32; b++)
            {
                var block = output.Block(g, b);
                var scales = (float*)(block + PackedActivations.ScalesOffset);
                for (var lane = 0; lane < group; lane++)
                {
                    var t = g * group + lane;
                    if (t < tokens)
                        ActivationQuantizer.QuantizeBlock(x + (long)t * ldx + b * 32, q + lane * 32, scales + lane, level);
                    else
                    {
                        new Span<sbyte>(q + lane * 32, 32).Clear();
                        scales[lane] = 0;
                    }
                }
                if (level >= SimdLevel.Vector256)
                    Interleave256(q, block);
                else
                    InterleaveScalar(q, block);
            }
    }

    /// <summary>8 tokens' 32 bytes (token-major) to slot-major, with the tokens' sums times −128, −8 and −scale (the scales already stored), and their halves' times −32.</summary>
    private static void InterleaveScalar(sbyte* q, byte* block)
    {
        for (var lane = 0; lane < PackedActivations.GroupTokens; lane++)
        {
            int low = 0, high = 0;
            for (var i = 0; i < 16; i++)
            {
                low += q[lane * 32 + i];
                high += q[lane * 32 + 16 + i];
            }
            var sum = low + high;
            ((int*)(block + PackedActivations.HalfSums32Offset))[lane] = -32 * low;
            ((int*)(block + PackedActivations.HalfSums32Offset + 32))[lane] = -32 * high;
            for (var slot = 0; slot < 8; slot++)
                *(uint*)(block + slot * 32 + lane * 4) = ((uint*)(q + lane * 32))[slot];
            ((int*)(block + PackedActivations.Sums128Offset))[lane] = -128 * sum;
            ((int*)(block + PackedActivations.Sums8Offset))[lane] = -8 * sum;
            ((float*)(block + PackedActivations.ScaledSumsOffset))[lane] = -sum * ((float*)(block + PackedActivations.ScalesOffset))[lane];
        }
    }

    /// <summary>As <see cref="InterleaveScalar"/>: an 8×8 transpose of int32 (4-byte slots), then per-lane byte sums by multiply-add with ones.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Interleave256(sbyte* q, byte* block)
    {
        Vector256<int> r0 = Vector256.Load((int*)q), r1 = Vector256.Load((int*)(q + 32)), r2 = Vector256.Load((int*)(q + 64)), r3 = Vector256.Load((int*)(q + 96));
        Vector256<int> r4 = Vector256.Load((int*)(q + 128)), r5 = Vector256.Load((int*)(q + 160)), r6 = Vector256.Load((int*)(q + 192)), r7 = Vector256.Load((int*)(q + 224));
        // Pairs of tokens, then quads, per 128-bit half; the halves are joined last.
        Vector256<long> t0 = Avx2.UnpackLow(r0, r1).AsInt64(), t1 = Avx2.UnpackHigh(r0, r1).AsInt64();
        Vector256<long> t2 = Avx2.UnpackLow(r2, r3).AsInt64(), t3 = Avx2.UnpackHigh(r2, r3).AsInt64();
        Vector256<long> t4 = Avx2.UnpackLow(r4, r5).AsInt64(), t5 = Avx2.UnpackHigh(r4, r5).AsInt64();
        Vector256<long> t6 = Avx2.UnpackLow(r6, r7).AsInt64(), t7 = Avx2.UnpackHigh(r6, r7).AsInt64();
        Vector256<long> u0 = Avx2.UnpackLow(t0, t2), u1 = Avx2.UnpackHigh(t0, t2), u2 = Avx2.UnpackLow(t1, t3), u3 = Avx2.UnpackHigh(t1, t3);
        Vector256<long> u4 = Avx2.UnpackLow(t4, t6), u5 = Avx2.UnpackHigh(t4, t6), u6 = Avx2.UnpackLow(t5, t7), u7 = Avx2.UnpackHigh(t5, t7);
        // Slots 0-3 hold the first 16 values, 4-7 the last 16.
        Vector256<int> low = Vector256<int>.Zero, high = Vector256<int>.Zero;
        Store(Avx2.Permute2x128(u0, u4, 0x20), block, 0, ref low);
        Store(Avx2.Permute2x128(u1, u5, 0x20), block, 1, ref low);
        Store(Avx2.Permute2x128(u2, u6, 0x20), block, 2, ref low);
        Store(Avx2.Permute2x128(u3, u7, 0x20), block, 3, ref low);
        Store(Avx2.Permute2x128(u0, u4, 0x31), block, 4, ref high);
        Store(Avx2.Permute2x128(u1, u5, 0x31), block, 5, ref high);
        Store(Avx2.Permute2x128(u2, u6, 0x31), block, 6, ref high);
        Store(Avx2.Permute2x128(u3, u7, 0x31), block, 7, ref high);
        (low * -32).Store((int*)(block + PackedActivations.HalfSums32Offset));
        (high * -32).Store((int*)(block + PackedActivations.HalfSums32Offset + 32));
        var sums = low + high;
        (sums * -128).Store((int*)(block + PackedActivations.Sums128Offset));
        (sums * -8).Store((int*)(block + PackedActivations.Sums8Offset));
        var scales = Vector256.Load((float*)(block + PackedActivations.ScalesOffset));
        (-Vector256.ConvertToSingle(sums) * scales).Store((float*)(block + PackedActivations.ScaledSumsOffset));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<long> slot, byte* block, int index, ref Vector256<int> sums)
    {
        var bytes = slot.AsSByte();
        sums += Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(Vector256.Create((byte)1), bytes), Vector256.Create((short)1));
        slot.Store((long*)(block + index * 32));
    }
}
