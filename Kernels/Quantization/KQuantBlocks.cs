using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// How one ggml K-quant super-block of 256 values yields, per 32-value chunk, its unsigned codes and the per-group scale
/// and min (value = scale·(q − bias) − min), plus a scalar float decoding in the reference dequantizer's exact order.
/// </summary>
internal unsafe interface IKQuantBlock
{
    static abstract int Bytes { get; }

    /// <summary>The 32 unsigned codes of chunk <paramref name="chunk"/> (0..7).</summary>
    static abstract Vector256<byte> Codes(byte* block, int chunk);

    /// <summary>Subtracted from every code before scaling (Q6_K stores signed values offset by 32).</summary>
    static abstract int CodeBias { get; }

    /// <summary>Per 16-value group (16 of them): scale[g] and min[g] with value = scale·(q − bias) − min.</summary>
    static abstract void Scales(byte* block, float* scale, float* min);

    /// <summary>
    /// The same as integers, for integer dot products: value = d·scale·q − dmin·min per 16-value group. Word c of
    /// <paramref name="scales"/>' low 128 bits is the scale of chunk c's first 16 values, word c of its high 128 bits that
    /// of its last 16 (the halves of a chunk's pair sums); <paramref name="mins"/> holds the 16 groups in order, with the
    /// code bias folded in. <paramref name="halves"/> is <see cref="HalfConversion.Halves"/>, taken as a local by the caller.
    /// </summary>
    static abstract void IntegerScales(byte* block, float* halves, out Vector256<short> scales, out Vector256<short> mins, out float d, out float dmin);

    /// <summary>The 256 values, computed in float32 in the reference's order so the results are bit-identical to it.</summary>
    static abstract void Decode(byte* block, float* destination);
}

/// <summary>Q4_K and Q5_K share their 12-byte packing of eight 6-bit scales and eight 6-bit mins.</summary>
internal static unsafe class KScales
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static (int Scale, int Min) Get(byte* packed, int group) => group < 4
        ? (packed[group] & 0x3F, packed[group + 4] & 0x3F)
        : ((packed[group + 4] & 0x0F) | ((packed[group - 4] >> 6) << 4), (packed[group + 4] >> 4) | ((packed[group] >> 6) << 4));

    /// <summary>d·sc and dmin·m of each 32-value group, duplicated over its two 16-value halves.</summary>
    public static void Expand(byte* block, float* scale, float* min)
    {
        var d = HalfConversion.HalfToSingle(*(ushort*)block);
        var dmin = HalfConversion.HalfToSingle(*(ushort*)(block + 2));
        for (var j = 0; j < 8; j++)
        {
            var (sc, m) = Get(block + 4, j);
            scale[2 * j] = scale[2 * j + 1] = d * sc;
            min[2 * j] = min[2 * j + 1] = dmin * m;
        }
    }

    /// <summary>The eight 6-bit scales (a group's two halves share one, so both 128-bit halves hold all eight) and mins.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Integers(byte* block, float* halves, out Vector256<short> scales, out Vector256<short> mins, out float d, out float dmin)
    {
        d = halves[*(ushort*)block];
        dmin = halves[*(ushort*)(block + 2)];
        // Packed bytes p0-p11 sit at 4-15. p0-3: scales 0-3 in their low 6 bits; p4-7: mins 0-3; p8-11: low nibbles of
        // scales 4-7, high nibbles of mins 4-7; the top 2 bits of p0-3 and p4-7 are the high bits of scales and mins 4-7.
        // In vector lanes (bytes 0-7 scales 0-7, bytes 8-15 mins 0-7), so the per-super-block work is a few instructions.
        var v = Vector128.Load(block);
        var low = Vector128.Shuffle(v, Vector128.Create((byte)4, 5, 6, 7, 12, 13, 14, 15, 8, 9, 10, 11, 12, 13, 14, 15));
        var donors = Vector128.Shuffle(v, Vector128.Create((byte)0xFF, 0xFF, 0xFF, 0xFF, 4, 5, 6, 7, 0xFF, 0xFF, 0xFF, 0xFF, 8, 9, 10, 11));
        var fields = (low & Vector128.Create((byte)63, 63, 63, 63, 15, 15, 15, 15, 63, 63, 63, 63, 0, 0, 0, 0))
            | (Vector128.ShiftRightLogical(low.AsUInt16(), 4).AsByte() & Vector128.Create((byte)0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 15, 15, 15, 15))
            | (Vector128.ShiftRightLogical(donors.AsUInt16(), 2).AsByte() & Vector128.Create((byte)0x30));
        var words = Vector128.WidenLower(fields).AsInt16();
        scales = Vector256.Create(words, words);
        var pairs = Vector128.Shuffle(fields, Vector128.Create((byte)8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13, 14, 14, 15, 15));
        mins = Vector256.Create(Vector128.WidenLower(pairs), Vector128.WidenUpper(pairs)).AsInt16();
    }

    /// <summary>value = (d·sc)·q − dmin·m in float32, as the reference computes it; <paramref name="fifth"/> is null for Q4_K.</summary>
    public static void Decode(byte* block, byte* nibbles, byte* fifth, float* destination)
    {
        var d = HalfConversion.HalfToSingle(*(ushort*)block);
        var dmin = HalfConversion.HalfToSingle(*(ushort*)(block + 2));
        for (var j = 0; j < 8; j++)
        {
            var (sc, m) = Get(block + 4, j);
            float dl = d * sc, ml = dmin * m;
            var codes = nibbles + 32 * (j >> 1);
            var shift = 4 * (j & 1);
            for (var i = 0; i < 32; i++)
            {
                var q = (codes[i] >> shift) & 0x0F;
                if (fifth != null) q |= ((fifth[i] >> j) & 1) << 4;
                destination[32 * j + i] = dl * q - ml;
            }
        }
    }
}

/// <summary>Q4_K: d, dmin, 12 bytes of scales, 128 bytes whose low nibbles hold even groups and high nibbles odd ones.</summary>
internal unsafe struct Q4_KBlock : IKQuantBlock
{
    public static int Bytes => 144;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Codes(byte* block, int chunk)
    {
        return ByteFields.Move(Vector256.Load(block + 16 + 32 * (chunk >> 1)), 4 * (chunk & 1), 0, 0x0F);
    }

    public static int CodeBias => 0;

    public static void Scales(byte* block, float* scale, float* min) => KScales.Expand(block, scale, min);

    public static void IntegerScales(byte* block, float* halves, out Vector256<short> scales, out Vector256<short> mins, out float d, out float dmin) =>
        KScales.Integers(block, halves, out scales, out mins, out d, out dmin);

    public static void Decode(byte* block, float* destination) => KScales.Decode(block, block + 16, null, destination);
}

/// <summary>Q5_K: as Q4_K, with 32 bytes after the scales whose bit j is the fifth bit of group j's values.</summary>
internal unsafe struct Q5_KBlock : IKQuantBlock
{
    public static int Bytes => 176;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Codes(byte* block, int chunk)
    {
        var low = ByteFields.Move(Vector256.Load(block + 48 + 32 * (chunk >> 1)), 4 * (chunk & 1), 0, 0x0F);
        return low | ByteFields.Move(Vector256.Load(block + 16), chunk, 4, 0x10);
    }

    public static int CodeBias => 0;

    public static void Scales(byte* block, float* scale, float* min) => KScales.Expand(block, scale, min);

    public static void IntegerScales(byte* block, float* halves, out Vector256<short> scales, out Vector256<short> mins, out float d, out float dmin) =>
        KScales.Integers(block, halves, out scales, out mins, out d, out dmin);

    public static void Decode(byte* block, float* destination) => KScales.Decode(block, block + 48, block + 16, destination);
}

/// <summary>
/// Q6_K: 128 bytes of low nibbles, 64 bytes of 2-bit high parts, 16 signed scales, F16 d. Each half of 128 values takes
/// 64 nibble bytes (low nibbles, then high ones) and 32 high-part bytes (four 2-bit fields, one per 32-value chunk).
/// </summary>
internal unsafe struct Q6_KBlock : IKQuantBlock
{
    public static int Bytes => 210;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<byte> Codes(byte* block, int chunk)
    {
        int half = chunk >> 2, k = chunk & 3;
        var low = ByteFields.Move(Vector256.Load(block + 64 * half + 32 * (k & 1)), 4 * (k >> 1), 0, 0x0F);
        return low | ByteFields.Move(Vector256.Load(block + 128 + 32 * half), 2 * k, 4, 0x30);
    }

    public static int CodeBias => 32;

    public static void Scales(byte* block, float* scale, float* min)
    {
        var d = HalfConversion.HalfToSingle(*(ushort*)(block + 208));
        var scales = (sbyte*)(block + 192);
        for (var g = 0; g < 16; g++)
        {
            scale[g] = d * scales[g];
            min[g] = 0;
        }
    }

    /// <summary>d·sc·(q − 32) = d·sc·q − d·(32·sc): the bias becomes a min of 32·sc, which fits in 16 bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void IntegerScales(byte* block, float* halves, out Vector256<short> scales, out Vector256<short> mins, out float d, out float dmin)
    {
        d = dmin = halves[*(ushort*)(block + 208)];
        var packed = Vector128.Load((sbyte*)(block + 192));
        var split = Vector128.Shuffle(packed, Vector128.Create((sbyte)0, 2, 4, 6, 8, 10, 12, 14, 1, 3, 5, 7, 9, 11, 13, 15));
        scales = Vector256.Create(Vector128.WidenLower(split), Vector128.WidenUpper(split));
        mins = Vector256.ShiftLeft(Vector256.Create(Vector128.WidenLower(packed), Vector128.WidenUpper(packed)), 5);
    }

    public static void Decode(byte* block, float* destination)
    {
        var d = HalfConversion.HalfToSingle(*(ushort*)(block + 208));
        var scales = (sbyte*)(block + 192);
        for (var chunk = 0; chunk < 8; chunk++)
        {
            int half = chunk >> 2, k = chunk & 3;
            var low = block + 64 * half + 32 * (k & 1);
            var high = block + 128 + 32 * half;
            for (var i = 0; i < 32; i++)
            {
                var q = (((low[i] >> (4 * (k >> 1))) & 0x0F) | (((high[i] >> (2 * k)) & 3) << 4)) - 32;
                var g = (32 * chunk + i) / 16;
                destination[32 * chunk + i] = d * scales[g] * q;
            }
        }
    }
}
