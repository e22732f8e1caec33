using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// How <see cref="QuantGemm"/> stages one weight block: its 32 values as unsigned bytes (value + an offset, since VNNI
/// multiplies unsigned by signed bytes), and where the activations keep their block sums times −offset, which undo it.
/// </summary>
internal unsafe interface IGemmBlock
{
    static abstract int Bytes { get; }

    /// <summary>The <see cref="PackedActivations"/> offset of the sums that cancel this type's weight offset.</summary>
    static abstract int SumsOffset { get; }

    /// <summary>The block's 32 values + offset, in element order, to <paramref name="staged"/>.</summary>
    static abstract void Stage(byte* block, byte* staged);
}

/// <summary>Q8_0: an F16 scale and 32 signed bytes, staged + 128 (the sign bit flipped).</summary>
internal unsafe struct Q8_0Gemm : IGemmBlock
{
    public static int Bytes => 34;
    public static int SumsOffset => PackedActivations.Sums128Offset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Stage(byte* block, byte* staged) =>
        (Vector256.Load(block + 2) ^ Vector256.Create((byte)0x80)).Store(staged);
}

/// <summary>Q4_0: an F16 scale and 16 bytes of nibbles (value + 8), low nibbles elements 0..15, high nibbles 16..31; staged as they are stored.</summary>
internal unsafe struct Q4_0Gemm : IGemmBlock
{
    public static int Bytes => 18;
    public static int SumsOffset => PackedActivations.Sums8Offset;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Stage(byte* block, byte* staged)
    {
        var packed = Vector128.Load(block + 2);
        var mask = Vector128.Create((byte)0x0F);
        Vector256.Create(packed & mask, (packed.AsUInt16() >> 4).AsByte() & mask).Store(staged);
    }
}
