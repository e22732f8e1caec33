using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Quantization;

/// <summary>
/// How <see cref="QuantGemm"/> reads one weight block: 4 consecutive elements broadcast to every lane as signed bytes,
/// for slot <c>pair</c> (elements 4·pair..+3) and slot <c>pair + 4</c> (elements 16 + 4·pair..+3), and the block's
/// correction for the +128 offset of the activations.
/// </summary>
internal unsafe interface IGemmBlock
{
    static abstract int Bytes { get; }

    /// <summary>Whether the broadcast bytes are stored values + 8 (Q4_0), so −8·Σx is added to every dot product.</summary>
    static abstract bool Offset8 { get; }

    /// <summary>−128 · Σ of the block's broadcast bytes: (x + 128)·w summed over the block, plus this, is x·w.</summary>
    static abstract int Correction(byte* block);

    static abstract void Slots(byte* block, int pair, out Vector256<sbyte> low, out Vector256<sbyte> high);
}

/// <summary>Q8_0: an F16 scale and 32 signed bytes, broadcast as they are.</summary>
internal unsafe struct Q8_0Gemm : IGemmBlock
{
    public static int Bytes => 34;
    public static bool Offset8 => false;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Correction(byte* block)
    {
        // Σ of signed bytes: flip them to unsigned (+128 each), sum absolute differences from zero, remove 32·128.
        var unsigned = Vector256.Load(block + 2) ^ Vector256.Create((byte)0x80);
        var sum = (int)Vector256.Sum(Avx2.SumAbsoluteDifferences(unsigned, Vector256<byte>.Zero).AsUInt64()) - 32 * 128;
        return -128 * sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Slots(byte* block, int pair, out Vector256<sbyte> low, out Vector256<sbyte> high)
    {
        low = Vector256.Create(*(int*)(block + 2 + 4 * pair)).AsSByte();
        high = Vector256.Create(*(int*)(block + 18 + 4 * pair)).AsSByte();
    }
}

/// <summary>Q4_0: an F16 scale and 16 bytes of nibbles (value + 8), low nibbles elements 0..15, high nibbles 16..31.</summary>
internal unsafe struct Q4_0Gemm : IGemmBlock
{
    public static int Bytes => 18;
    public static bool Offset8 => true;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Correction(byte* block)
    {
        var packed = Vector128.Load(block + 2);
        var mask = Vector128.Create((byte)0x0F);
        var low = Sse2.SumAbsoluteDifferences(packed & mask, Vector128<byte>.Zero).AsUInt64();
        var high = Sse2.SumAbsoluteDifferences((packed.AsUInt16() >> 4).AsByte() & mask, Vector128<byte>.Zero).AsUInt64();
        return -128 * (int)Vector128.Sum(low + high);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Slots(byte* block, int pair, out Vector256<sbyte> low, out Vector256<sbyte> high)
    {
        var packed = Vector256.Create(*(uint*)(block + 2 + 4 * pair));
        var mask = Vector256.Create(0x0F0F0F0Fu);
        low = (packed & mask).AsSByte();
        high = ((packed >> 4) & mask).AsSByte();
    }
}
