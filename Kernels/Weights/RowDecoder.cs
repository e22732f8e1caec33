using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

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
            case WeightType.Q8_0:
                for (var b = 0; b < count / 32; b++, source += 34)
                {
                    var d = HalfConversion.HalfToSingle(*(ushort*)source);
                    var q = (sbyte*)(source + 2);
                    for (var i = 0; i < 32; i++) destination[b * 32 + i] = q[i] * d;
                }
                break;
            case WeightType.Q4_0:
                for (var b = 0; b < count / 32; b++, source += 18)
                {
                    var d = HalfConversion.HalfToSingle(*(ushort*)source);
                    var q = source + 2;
                    for (var i = 0; i < 16; i++)
                    {
                        destination[b * 32 + i] = ((q[i] & 0x0F) - 8) * d;
                        destination[b * 32 + i + 16] = ((q[i] >> 4) - 8) * d;
                    }
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(type), type, "unknown weight type");
        }
    }

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
