using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Quantization;

/// <summary>How one ggml weight block yields its scale and its 32 signed values.</summary>
internal unsafe interface IWeightBlock
{
    static abstract int Bytes { get; }
    static abstract Vector256<sbyte> Load(byte* block);
    static abstract int Value(byte* block, int index);
}

/// <summary>Q8_0: F16 scale, 32 signed bytes.</summary>
internal unsafe struct Q8_0Block : IWeightBlock
{
    public static int Bytes => 34;
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static Vector256<sbyte> Load(byte* block) => Vector256.Load((sbyte*)(block + 2));
    [MethodImpl(MethodImplOptions.AggressiveInlining)] public static int Value(byte* block, int index) => ((sbyte*)(block + 2))[index];
}

/// <summary>Q4_0: F16 scale, 16 bytes whose low nibbles are elements 0..15 and high nibbles 16..31, offset by 8.</summary>
internal unsafe struct Q4_0Block : IWeightBlock
{
    public static int Bytes => 18;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<sbyte> Load(byte* block)
    {
        var packed = Vector128.Load(block + 2);
        var mask = Vector128.Create((byte)0x0F);
        var low = packed & mask;
        var high = (packed.AsUInt16() >> 4).AsByte() & mask;
        return (Vector256.Create(low, high) - Vector256.Create((byte)8)).AsSByte();
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int Value(byte* block, int index)
    {
        var packed = block[2 + (index & 15)];
        return (index < 16 ? packed & 0x0F : packed >> 4) - 8;
    }
}

/// <summary>Sum of unsigned×signed byte products into 8 int32 lanes.</summary>
internal interface IByteDot
{
    static abstract Vector256<int> Dot(Vector256<byte> unsigned, Vector256<sbyte> signed);
}

/// <summary>One VNNI instruction (vpdpbusd).</summary>
internal struct VnniDot : IByteDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Dot(Vector256<byte> unsigned, Vector256<sbyte> signed) =>
        AvxVnni.MultiplyWideningAndAdd(Vector256<int>.Zero, unsigned, signed);
}

/// <summary>AVX2 fallback: vpmaddubsw to int16 pairs, then vpmaddwd with ones to int32.</summary>
internal struct MaddDot : IByteDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Dot(Vector256<byte> unsigned, Vector256<sbyte> signed) =>
        Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(unsigned, signed), Vector256.Create((short)1));
}
