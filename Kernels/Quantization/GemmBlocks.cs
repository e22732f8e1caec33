using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Platform.Kernels.Numerics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// How <see cref="QuantGemm"/> stages one weight row: per 32 values, the values as unsigned bytes (code + an offset,
/// since VNNI multiplies unsigned by signed bytes), a float scale and, for the K-quants, a float min
/// (value = scale·code − min). The activations keep their block sums times −offset, which undo the offset in one load.
/// </summary>
internal unsafe interface IGemmBlock
{
    /// <summary>Whether the staged bytes carry an offset, undone by the activation sums at <see cref="SumsOffset"/>.</summary>
    static abstract bool HasOffset { get; }

    /// <summary>The <see cref="PackedActivations"/> offset of the sums that cancel this type's weight offset.</summary>
    static abstract int SumsOffset { get; }

    /// <summary>Whether values subtract a per-block min (which multiplies the activations' scaled block sums).</summary>
    static abstract bool HasMins { get; }

    /// <summary>Whether each 16-value half has its own scale (at scales[8·b] and scales[8·b + 4]) and offset sums (at <see cref="SumsOffset"/> + 0 and + 32).</summary>
    static abstract bool HalfScales { get; }

    /// <summary>
    /// Row <paramref name="row"/> of <paramref name="blocks"/> 32-value blocks: block b's 32 bytes at staged + b·stride,
    /// its scale at scales[4·b] (or its halves' at scales[8·b] and [8·b + 4]) and its min at mins[4·b].
    /// </summary>
    static abstract void StageRow(byte* row, int blocks, byte* staged, int stride, float* scales, float* mins);
}

/// <summary>Q8_0: an F16 scale and 32 signed bytes, staged + 128 (the sign bit flipped).</summary>
internal unsafe struct Q8_0Gemm : IGemmBlock
{
    public static bool HasOffset => true;
    public static int SumsOffset => PackedActivations.Sums128Offset;
    public static bool HasMins => false;
    public static bool HalfScales => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StageRow(byte* row, int blocks, byte* staged, int stride, float* scales, float* mins)
    {
        for (var b = 0; b < blocks; b++, row += 34)
        {
            (Vector256.Load(row + 2) ^ Vector256.Create((byte)0x80)).Store(staged + b * stride);
            scales[4 * b] = HalfConversion.HalfToSingle(*(ushort*)row);
        }
    }
}

/// <summary>Q4_0: an F16 scale and 16 bytes of nibbles (value + 8), low nibbles elements 0..15, high nibbles 16..31; staged as they are stored.</summary>
internal unsafe struct Q4_0Gemm : IGemmBlock
{
    public static bool HasOffset => true;
    public static int SumsOffset => PackedActivations.Sums8Offset;
    public static bool HasMins => false;
    public static bool HalfScales => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StageRow(byte* row, int blocks, byte* staged, int stride, float* scales, float* mins)
    {
        var mask = Vector128.Create((byte)0x0F);
        for (var b = 0; b < blocks; b++, row += 18)
        {
            var packed = Vector128.Load(row + 2);
            Vector256.Create(packed & mask, (packed.AsUInt16() >> 4).AsByte() & mask).Store(staged + b * stride);
            scales[4 * b] = HalfConversion.HalfToSingle(*(ushort*)row);
        }
    }
}

/// <summary>
/// A K-quant whose two 16-value halves of every 32 share one scale and min (Q4_K, Q5_K): unsigned codes as they
/// are, value = scale·code − min.
/// </summary>
internal unsafe struct KQuantGemm<TK> : IGemmBlock where TK : struct, IKQuantBlock
{
    public static bool HasOffset => false;
    public static int SumsOffset => 0;
    public static bool HasMins => true;
    public static bool HalfScales => false;

    /// <summary>Scales and mins from the integer scales, d·sc and dmin·m in float32 as the reference's dequantizer has them.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StageRow(byte* row, int blocks, byte* staged, int stride, float* scales, float* mins)
    {
        for (var b = 0; b < blocks; b += 8, row += TK.Bytes)
        {
            TK.IntegerScales(row, HalfConversion.Halves, out var sc, out var m, out var d, out var dmin);
            // Word c of the scales' low half is chunk c's scale; the mins repeat each chunk's over its two halves.
            var scale = Vector256.ConvertToSingle(Avx2.ConvertToVector256Int32(sc.GetLower())) * d;
            var min = Vector256.ConvertToSingle(m.AsInt32() & Vector256.Create(0xFFFF)) * dmin;
            for (var chunk = 0; chunk < 8; chunk++)
            {
                TK.Codes(row, chunk).Store(staged + (b + chunk) * stride);
                scales[4 * (b + chunk)] = scale.GetElement(chunk);
                mins[4 * (b + chunk)] = min.GetElement(chunk);
            }
        }
    }
}

/// <summary>
/// Q6_K: 6-bit codes stored + 32 (staged as they are), a signed scale per 16 values times d: each half's offset is undone
/// by its own activation sums times −32.
/// </summary>
internal unsafe struct Q6_KGemm : IGemmBlock
{
    public static bool HasOffset => true;
    public static int SumsOffset => PackedActivations.HalfSums32Offset;
    public static bool HasMins => false;
    public static bool HalfScales => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void StageRow(byte* row, int blocks, byte* staged, int stride, float* scales, float* mins)
    {
        for (var b = 0; b < blocks; b += 8, row += Q6_KBlock.Bytes)
        {
            var d = HalfConversion.HalfToSingle(*(ushort*)(row + 208));
            var groups = (sbyte*)(row + 192);
            for (var chunk = 0; chunk < 8; chunk++)
            {
                Q6_KBlock.Codes(row, chunk).Store(staged + (b + chunk) * stride);
                scales[8 * (b + chunk)] = d * groups[2 * chunk];
                scales[8 * (b + chunk) + 4] = d * groups[2 * chunk + 1];
            }
        }
    }
}
