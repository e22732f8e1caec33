using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Platform.Kernels.Quantization;

/// <summary>acc + the sums of adjacent int16 products, into 8 int32 lanes.</summary>
internal interface IWordDot
{
    static abstract Vector256<int> Accumulate(Vector256<int> acc, Vector256<short> left, Vector256<short> right);
}

/// <summary>One AVX-VNNI instruction (vpdpwssd).</summary>
internal struct VnniWordDot : IWordDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Accumulate(Vector256<int> acc, Vector256<short> left, Vector256<short> right) =>
        AvxVnni.MultiplyWideningAndAdd(acc, left, right);
}

/// <summary>AVX2 fallback: vpmaddwd, then an add.</summary>
internal struct MaddWordDot : IWordDot
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector256<int> Accumulate(Vector256<int> acc, Vector256<short> left, Vector256<short> right) =>
        acc + Avx2.MultiplyAddAdjacent(left, right);
}
