using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;
using Platform.Kernels.Quantization;

namespace Platform.Kernels.Weights;

/// <summary>Expands stored weight elements of any <see cref="WeightType"/> to floats (embedding rows, tiles of F16/BF16 matrices).</summary>
public static unsafe class RowDecoder
{
    /// <summary>Decodes <paramref name="count"/> elements starting at the block-aligned <paramref name="source"/>.</summary>
    public static void Decode(WeightType type, byte* source, float* destination, int count, SimdLevel level = SimdLevel.Auto)
    {
        level = Simd.Resolve(level);
        switch (type)
        {
            case WeightType.F32:
                Buffer.MemoryCopy(source, destination, count * 4L, count * 4L);
                break;
            case WeightType.F16:
                DecodeHalf((ushort*)source, destination, count, level, bfloat: false);
                break;
            case WeightType.BF16:
                DecodeHalf((ushort*)source, destination, count, level, bfloat: true);
                break;
            case WeightType.Q8_0 when level == SimdLevel.Vector512:
                DecodeBlocks512<Q8_0Block>(source, destination, count);
                break;
            case WeightType.Q4_0 when level == SimdLevel.Vector512:
                DecodeBlocks512<Q4_0Block>(source, destination, count);
                break;
            case WeightType.Q8_0:
                DecodeBlocksScalar<Q8_0Block>(source, destination, count);
                break;
            case WeightType.Q4_0:
                DecodeBlocksScalar<Q4_0Block>(source, destination, count);
                break;
            case WeightType.Q4_K:
                DecodeSuperBlocks<Q4_KBlock>(source, destination, count, level);
                break;
            case WeightType.Q5_K:
                DecodeSuperBlocks<Q5_KBlock>(source, destination, count, level);
                break;
            case WeightType.Q6_K:
                DecodeSuperBlocks<Q6_KBlock>(source, destination, count, level);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown weight type");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeBlocksScalar<TB>(byte* source, float* destination, int count) where TB : struct, IWeightBlock
    {
        for (var b = 0; b < count / 32; b++, source += TB.Bytes)
        {
            var d = HalfConversion.HalfToSingle(*(ushort*)source);
            for (var i = 0; i < 32; i++) destination[b * 32 + i] = TB.Value(source, i) * d;
        }
    }

    /// <summary>Vectorised with the reference's operation order (scale·(q − bias), then − min; no fused multiply-add), so every path gives identical floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeSuperBlocks<TB>(byte* source, float* destination, int count, SimdLevel level) where TB : struct, IKQuantBlock
    {
        if (level == SimdLevel.Scalar)
        {
            for (var b = 0; b < count / 256; b++, source += TB.Bytes)
                TB.Decode(source, destination + b * 256);
            return;
        }
        var scale = stackalloc float[16];
        var min = stackalloc float[16];
        var bias = Vector256.Create(TB.CodeBias);
        for (var b = 0; b < count / 256; b++, source += TB.Bytes)
        {
            TB.Scales(source, scale, min);
            for (var c = 0; c < 8; c++)
            {
                var codes = TB.Codes(source, c);
                var output = destination + b * 256 + c * 32;
                for (var part = 0; part < 4; part++)
                {
                    var bytes = part < 2 ? codes.GetLower() : codes.GetUpper();
                    var eight = Avx2.ConvertToVector256Int32((part & 1) == 0 ? bytes : Sse2.ShiftRightLogical128BitLane(bytes, 8));
                    var group = 2 * c + part / 2;
                    var value = Avx.ConvertToVector256Single(eight - bias) * Vector256.Create(scale[group]) - Vector256.Create(min[group]);
                    value.Store(output + part * 8);
                }
            }
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeBlocks512<TB>(byte* source, float* destination, int count) where TB : struct, IWeightBlock
    {
        for (var b = 0; b < count / 32; b++, source += TB.Bytes)
        {
            var d = Vector512.Create(HalfConversion.HalfToSingle(*(ushort*)source));
            var q = TB.Load(source);
            (Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(q.GetLower())) * d).Store(destination + b * 32);
            (Avx512F.ConvertToVector512Single(Avx512F.ConvertToVector512Int32(q.GetUpper())) * d).Store(destination + b * 32 + 16);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void DecodeHalf(ushort* source, float* destination, int count, SimdLevel level, bool bfloat)
    {
        var i = 0;
        if (level == SimdLevel.Vector512)
        {
            for (; i <= count - 16; i += 16)
            {
                var h = Vector256.Load(source + i);
                (bfloat ? HalfConversion.BFloat16ToSingle(h) : HalfConversion.HalfToSingle(h)).Store(destination + i);
            }
        }
        else if (level == SimdLevel.Vector256)
        {
            for (; i <= count - 8; i += 8)
            {
                var h = Vector128.Load(source + i);
                (bfloat ? HalfConversion.BFloat16ToSingle(h) : HalfConversion.HalfToSingle(h)).Store(destination + i);
            }
        }
        for (; i < count; i++)
            destination[i] = bfloat ? HalfConversion.BFloat16ToSingle(source[i]) : HalfConversion.HalfToSingle(source[i]);
    }
}
