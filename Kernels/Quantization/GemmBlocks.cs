using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Platform.Kernels.Quantization;

/// <summary>
/// How <see cref="QuantGemm"/> reads one weight block: 4 consecutive elements broadcast to every lane as unsigned bytes
/// (value + offset), for slot <c>pair</c> (elements 4·pair..+3) and slot <c>pair + 4</c> (elements 16 + 4·pair..+3).
/// </summary>
internal unsafe interface IGemmBlock
{
    static abstract int Bytes { get; }

    /// <summary>Where in a <see cref="PackedActivations"/> block the token sums times −offset lie.</summary>
    static abstract int SumsField { get; }

    static abstract void Slots(byte* block, int pair, out Vector256<byte> low, out Vector256<byte> high);
}

/// <summary>Q8_0: signed bytes made unsigned by flipping the top bit (value + 128).</summary>
internal unsafe struct Q8_0Gemm : IGemmBlock
{
    public static int Bytes => 34;
    public static int SumsField => 288;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Slots(byte* block, int pair, out Vector256<byte> low, out Vector256<byte> high)
    {
        var flip = Vector256.Create(unchecked((int)0x80808080));
        low = (Vector256.Create(*(int*)(block + 2 + 4 * pair)) ^ flip).AsByte();
        high = (Vector256.Create(*(int*)(block + 18 + 4 * pair)) ^ flip).AsByte();
    }
}

/// <summary>Q4_0: the stored nibbles are already unsigned (value + 8); low nibbles hold elements 0..15, high nibbles 16..31.</summary>
internal unsafe struct Q4_0Gemm : IGemmBlock
{
    public static int Bytes => 18;
    public static int SumsField => 320;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Slots(byte* block, int pair, out Vector256<byte> low, out Vector256<byte> high)
    {
        var packed = Vector256.Create(*(uint*)(block + 2 + 4 * pair));
        var mask = Vector256.Create(0x0F0F0F0Fu);
        low = (packed & mask).AsByte();
        high = ((packed >> 4) & mask).AsByte();
    }
}
